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
      // Already whole (an earlier delivery, or repaired from a peer): drop any copy in progress.
      FileChannel stale = open.remove(chunk.blobId());
      if (stale != null) {
        stale.close();
        Files.deleteIfExists(partialPath(chunk.blobId()));
      }
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

  /** One complete blob as this disk holds it. */
  public record StoredBlob(BlobId id, long size, java.time.Instant modified) {}

  /** Every complete blob on this disk, in no particular order. */
  public java.util.List<StoredBlob> list() throws IOException {
    java.util.List<StoredBlob> out = new java.util.ArrayList<>();
    try (var files = Files.walk(complete)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".link")) {
          continue;
        }
        try {
          var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
          out.add(new StoredBlob(BlobId.of(name), attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
          // deleted while listing
        }
      }
    }
    return out;
  }

  /** Hex MD5 of a complete blob's bytes, read from disk now; empty when absent. */
  public Optional<String> md5(BlobId id) throws IOException {
    try (InputStream in = Files.newInputStream(completePath(id))) {
      return Optional.of(HexFormat.of().formatHex(digest(in, "MD5")));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes a complete blob (garbage collection). Its bytes go with it when no other blob shares
   * them. The disk's fault point sees it as {@code DeleteBlob}: an injected error fails it with an
   * I/O error and nothing is removed. False when the blob was not here.
   */
  public synchronized boolean delete(BlobId id) throws IOException {
    inject("DeleteBlob", id);
    Path blob = completePath(id);
    if (!Files.exists(blob)) {
      return false;
    }
    Path shared = contentPath(sha256(blob));
    Files.delete(blob);
    if (Files.exists(shared) && (Integer) Files.getAttribute(shared, "unix:nlink") <= 1) {
      Files.delete(shared);
    }
    spaceMeasuredAt = 0;
    return true;
  }

  /**
   * Stores a whole blob from elsewhere (a peer, when this node lost it): written beside the
   * others, fsync'd, checked against {@code size} and {@code md5Hex} (when given), then published
   * by the same atomic rename as an ingested blob. A blob already here is left as it is.
   */
  public synchronized void importBlob(BlobId id, InputStream bytes, long size, String md5Hex) throws IOException {
    Path target = completePath(id);
    if (Files.exists(target)) {
      return;
    }
    Path incoming = underRoot(partial.resolve(id.value() + ".import"));
    MessageDigest md5 = messageDigest("MD5");
    try {
      try (var out = Files.newOutputStream(incoming); var in = new java.security.DigestInputStream(bytes, md5)) {
        long copied = in.transferTo(out);
        if (copied != size) {
          throw new IOException("blob " + id + ": " + copied + " bytes arrived, " + size + " expected");
        }
      }
      String actual = HexFormat.of().formatHex(md5.digest());
      if (md5Hex != null && !md5Hex.equalsIgnoreCase(actual)) {
        throw new IOException("blob " + id + ": MD5 " + actual + " arrived, " + md5Hex + " expected");
      }
      try (FileChannel channel = FileChannel.open(incoming, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    } catch (IOException e) {
      Files.deleteIfExists(incoming);
      throw e;
    }
    Files.createDirectories(target.getParent());
    Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
    deduplicate(target);
    spaceMeasuredAt = 0;
  }

  /**
   * Forgets everything: blobs, partial blobs and the log position, so the node rebuilds its disk
   * from the log. Called by the thread that owns writes.
   */
  public synchronized void wipe() throws IOException {
    for (FileChannel channel : open.values()) {
      channel.close();
    }
    open.clear();
    for (Path dir : new Path[] {complete, partial, content}) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
    Files.deleteIfExists(checkpointPath());
    spaceMeasuredAt = 0;
  }

  /**
   * Where this disk stands in the blob log: the next offset to consume of each partition, as of the
   * last durable batch. The disk, not the consumer group, owns it, so a disk that comes back empty
   * (or is wiped) starts again from the beginning of the log and rebuilds itself.
   */
  public Map<Integer, Long> checkpoint() throws IOException {
    Map<Integer, Long> out = new HashMap<>();
    Path file = checkpointPath();
    if (!Files.exists(file)) {
      return out;
    }
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    p.forEach((k, v) -> out.put(Integer.parseInt((String) k), Long.parseLong((String) v)));
    return out;
  }

  /** Records the log position after a durable batch (written aside, fsync'd, renamed into place). */
  public void saveCheckpoint(Map<Integer, Long> positions) throws IOException {
    java.util.Properties p = new java.util.Properties();
    positions.forEach((k, v) -> p.setProperty(String.valueOf(k), String.valueOf(v)));
    Path next = checkpointPath().resolveSibling("checkpoint.next");
    try (var out = Files.newBufferedWriter(next)) {
      p.store(out, "next offset of each partition of the blob log");
    }
    try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(next, checkpointPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private Path checkpointPath() {
    return root.resolve("checkpoint");
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
      return HexFormat.of().formatHex(digest(in, "SHA-256"));
    }
  }

  private static byte[] digest(InputStream in, String algorithm) throws IOException {
    MessageDigest digest = messageDigest(algorithm);
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) > 0) {
      digest.update(buffer, 0, n);
    }
    return digest.digest();
  }

  private static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no " + algorithm, e);
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
