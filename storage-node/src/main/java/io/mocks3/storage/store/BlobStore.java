package io.mocks3.storage.store;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.schemas.fault.FaultRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Where blob bytes are written. A blob grows in {@code partial/<id>} (each chunk written at its
 * offset, so a redelivered chunk rewrites the same bytes) and becomes visible in
 * {@code blobs/<2 hex>/<id>} by an atomic rename after fsync. Paths come from {@link BlobId}
 * only, which admits hex and dashes, and are checked to stay under the root.
 *
 * <p>Not thread-safe for writes: one ingest thread owns it. Reads may run concurrently.
 */
public final class BlobStore {
  private final Path root;
  private final Path partial;
  private final Path complete;
  /** Disk latency: opening a blob for a read, writing a chunk (an fsync included when it completes the blob). */
  private static final Timer READS = Timer.builder("storage.io").description("blob store disk operations")
      .tag("operation", "read").publishPercentileHistogram().register(Metrics.globalRegistry);
  private static final Timer WRITES = Timer.builder("storage.io").description("blob store disk operations")
      .tag("operation", "write").publishPercentileHistogram().register(Metrics.globalRegistry);
  private long space;
  private long spaceMeasuredAt;
  private final Path content;
  private final Map<BlobId, FileChannel> open = new HashMap<>();
  private final FaultAgent faults;

  /** @param faults the disk's injection point (service "storage-disk"); null for none */
  public BlobStore(Path root, FaultAgent faults) {
    this.faults = faults;
    try {
      this.root = root.toAbsolutePath().normalize();
      this.partial = Files.createDirectories(this.root.resolve("partial"));
      this.complete = Files.createDirectories(this.root.resolve("blobs"));
      this.content = Files.createDirectories(this.root.resolve("content"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create storage root " + root, e);
    }
  }

  /**
   * Writes one chunk. Returns true when this chunk completed the blob (now durable and visible).
   * Chunks are written in order: one whose offset lies past what this node holds of its blob is
   * refused, so a blob with a missing chunk is never published with a hole in it.
   */
  public boolean write(BlobChunk chunk) throws IOException {
    long start = System.nanoTime();
    try {
      return writeChunk(chunk);
    } finally {
      WRITES.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private boolean writeChunk(BlobChunk chunk) throws IOException {
    boolean partialWrite = "partial_write".equals(inject("WriteBlob", chunk.blobId()));
    Path target = completePath(chunk.blobId());
    if (Files.exists(target)) {
      return chunk.last();
    }
    FileChannel channel = open.get(chunk.blobId());
    if (channel == null) {
      channel = FileChannel.open(partialPath(chunk.blobId()), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      open.put(chunk.blobId(), channel);
    }
    if (chunk.offset() > channel.size()) {
      // An earlier chunk never arrived here (lost or dead-lettered on the way): writing this one
      // would leave a hole that a completed blob would serve as zeros. The blob stays incomplete.
      return false;
    }
    ByteBuffer bytes = ByteBuffer.wrap(chunk.bytes());
    long position = chunk.offset();
    if (partialWrite) {
      // Half the chunk reaches the disk, then the write fails: the caller's retry rewrites it whole.
      bytes.limit(bytes.capacity() / 2);
      while (bytes.hasRemaining()) {
        position += channel.write(bytes, position);
      }
      channel.force(false);
      throw new IOException("injected partial write: " + bytes.limit() + " of " + bytes.capacity() + " bytes written");
    }
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
    if (!chunk.last()) {
      return false;
    }
    channel.truncate(chunk.totalSize());
    channel.force(true);
    channel.close();
    open.remove(chunk.blobId());
    publish(chunk.blobId(), target);
    return true;
  }

  /** Makes every chunk written so far durable; called before offsets are committed. */
  public void syncPartials() throws IOException {
    for (FileChannel channel : open.values()) {
      channel.force(false);
    }
  }

  public Optional<Long> size(BlobId id) {
    try {
      return Optional.of(Files.size(completePath(id)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens {@code length} bytes of a complete blob from {@code offset}; empty when absent. */
  public Optional<InputStream> read(BlobId id, long offset, long length) throws IOException {
    long start = System.nanoTime();
    try {
      return open(id, offset, length);
    } finally {
      READS.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Bytes on disk: every distinct content once (the blobs are hard links to it), plus partial
   * blobs. Walked at most every 10 s.
   */
  public synchronized long spaceUsed() {
    if (System.nanoTime() - spaceMeasuredAt < 10_000_000_000L && spaceMeasuredAt != 0) {
      return space;
    }
    long total = 0;
    for (Path dir : new Path[] {content, partial}) {
      try (var files = Files.walk(dir)) {
        total += files.filter(Files::isRegularFile).mapToLong(f -> {
          try {
            return Files.size(f);
          } catch (IOException e) {
            return 0;
          }
        }).sum();
      } catch (IOException | UncheckedIOException e) {
        // a file vanished while walking: count what was there
      }
    }
    space = total;
    spaceMeasuredAt = System.nanoTime();
    return total;
  }

  private Optional<InputStream> open(BlobId id, long offset, long length) throws IOException {
    inject("ReadBlob", id);
    FileChannel channel;
    try {
      channel = FileChannel.open(completePath(id), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    channel.position(offset);
    InputStream whole = Channels.newInputStream(channel);
    return Optional.of(new BoundedInputStream(whole, length));
  }

  /**
   * Where disk faults strike: a slow disk (delay, hang), a failing one (an error becomes an
   * IOException), a full one (disk_full: writes fail with ENOSPC, reads go on) or bit rot (bit_rot:
   * before a read, one byte of the stored file flips for good, as decaying media do; every blob
   * sharing those bytes by content addressing rots with it, until repaired from the peer) or a
   * partial write (partial_write: half a chunk reaches the disk before the write fails; returned
   * for {@link #write} to act on). Returns the action that fired, null when none did.
   */
  private String inject(String operation, BlobId id) throws IOException {
    if (faults == null || !faults.armed()) {
      return null;
    }
    Optional<FaultRule> fired;
    try {
      fired = faults.apply(new FaultTarget("disk", "disk", operation, null, id.value(), null, "disk " + operation + " " + id.value()));
    } catch (InjectedFault e) {
      throw new IOException("injected I/O error (rule " + e.rule().id() + "): " + e.getMessage());
    }
    if (fired.isEmpty()) {
      return null;
    }
    String action = fired.get().action().type();
    if (action.equals("disk_full") && operation.equals("WriteBlob")) {
      throw new IOException("No space left on device (injected, rule " + fired.get().id() + ")");
    }
    if (action.equals("bit_rot") && operation.equals("ReadBlob")) {
      rot(completePath(id));
    }
    return action;
  }

  /** Flips every bit of one byte of {@code file}, at a random position; a missing or empty file is left alone. */
  private static void rot(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (size == 0) {
        return;
      }
      long position = java.util.concurrent.ThreadLocalRandom.current().nextLong(size);
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position);
      one.put(0, (byte) ~one.get(0)).rewind();
      channel.write(one, position);
      channel.force(false);
    } catch (NoSuchFileException e) {
      // nothing stored to rot
    }
  }

  public Path root() {
    return root;
  }

  private void publish(BlobId id, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      Files.move(partialPath(id), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partialPath(id), target, StandardCopyOption.REPLACE_EXISTING);
    }
    deduplicate(target);
    try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  /**
   * Content addressing: {@code content/xx/<sha-256>} is a hard link to the first blob with those
   * bytes; a later blob with the same bytes becomes another link to it (swapped in by an atomic
   * rename), so identical content is stored once whatever its names, and removing one name keeps
   * the bytes for the others. A crash at any point leaves either a blob's own copy or a link:
   * both are correct.
   */
  private void deduplicate(Path blob) throws IOException {
    Path shared = contentPath(sha256(blob));
    Files.createDirectories(shared.getParent());
    try {
      Files.createLink(shared, blob);
    } catch (FileAlreadyExistsException e) {
      if (Files.isSameFile(shared, blob)) {
        return;
      }
      Path link = blob.resolveSibling(blob.getFileName() + ".link");
      Files.deleteIfExists(link);
      Files.createLink(link, shared);
      Files.move(link, blob, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** The content entry of bytes with this SHA-256 (hex), for tests and repair tools. */
  public Path contentPath(String sha256Hex) {
    return underRoot(content.resolve(sha256Hex.substring(0, 2)).resolve(sha256Hex));
  }

  private Path partialPath(BlobId id) {
    return underRoot(partial.resolve(id.value()));
  }

  private Path completePath(BlobId id) {
    return underRoot(complete.resolve(id.value().substring(0, 2)).resolve(id.value()));
  }

  private Path underRoot(Path path) {
    Path normal = path.normalize();
    if (!normal.startsWith(root)) {
      throw new IllegalArgumentException("path escapes the storage root: " + path);
    }
    return normal;
  }
}
