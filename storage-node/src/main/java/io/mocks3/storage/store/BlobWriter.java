package io.mocks3.storage.store;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobChunk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes blobs durably. A blob grows in its partial file (each chunk written at its offset, so a
 * redelivered chunk rewrites the same bytes); once its last chunk is written it waits for the
 * batch's {@link #sync}, which fsyncs every file the batch wrote side by side (the file system
 * commits concurrent fsyncs together: one after another they cost a journal commit each), then
 * publishes each completed blob by an atomic rename and fsyncs the directories renamed into. A
 * whole blob from a peer is checked and published the same way, on its own. Not thread-safe: one
 * ingest thread owns the partial blobs.
 */
final class BlobWriter {
  /** Disk latency of writing a chunk (without its fsync: see {@link #SYNCS}). */
  private static final Timer WRITES = Timer.builder("storage.io").description("blob store disk operations")
      .tag("operation", "write").publishPercentileHistogram().register(Metrics.globalRegistry);
  /** Disk latency of a batch's sync: every file's fsync, the completed blobs' renames, the directories' fsync. */
  private static final Timer SYNCS = Timer.builder("storage.io").description("blob store disk operations")
      .tag("operation", "sync").publishPercentileHistogram().register(Metrics.globalRegistry);
  /** fsyncs in flight at once: enough for the journal to commit a batch's files together. */
  private static final int SYNC_THREADS = 16;
  private final BlobLayout layout;
  private final ContentLinks links;
  private final DiskFaults faults;
  private final Map<BlobId, Growing> open = new HashMap<>();
  /** Blobs whose every chunk is written, waiting for {@link #sync} to make them durable and visible. */
  private final Map<BlobId, Completed> completing = new LinkedHashMap<>();
  private final ExecutorService syncers = Executors.newFixedThreadPool(SYNC_THREADS, r -> {
    Thread t = new Thread(r, "blob-fsync");
    t.setDaemon(true);
    return t;
  });

  /**
   * A blob being written: its partial file, and the SHA-256 of its bytes from offset 0 as far as
   * they were written in order by this process (the content address it is published under, without
   * reading the file back). A chunk written again (a redelivery) rewrites bytes already hashed; a
   * blob begun before a restart, or written out of order, has no such hash and is read back instead.
   */
  private static final class Growing {
    final FileChannel channel;
    MessageDigest sha256;
    long hashed;

    Growing(FileChannel channel, boolean fromStart) {
      this.channel = channel;
      this.sha256 = fromStart ? ContentLinks.messageDigest("SHA-256") : null;
    }

    void written(BlobChunk chunk) {
      if (sha256 == null || chunk.offset() + chunk.bytes().length <= hashed) {
        return;
      }
      if (chunk.offset() == hashed) {
        sha256.update(chunk.bytes());
        hashed += chunk.bytes().length;
      } else {
        sha256 = null;
      }
    }

    /**
     * Its last chunk is written and the file cut to {@code size}: the content address is the hex
     * SHA-256 of the whole blob, or null (read it back) when it was not hashed whole as it was written.
     */
    String complete(long size) {
      return sha256 != null && hashed == size ? HexFormat.of().formatHex(sha256.digest()) : null;
    }
  }

  /** A blob whose every chunk is written: its file, and its content address when it was hashed as written (else null). */
  private record Completed(FileChannel channel, String sha256Hex) {}

  BlobWriter(BlobLayout layout, ContentLinks links, DiskFaults faults) {
    this.layout = layout;
    this.links = links;
    this.faults = faults;
  }

  /** See {@link BlobStore#write}. */
  boolean write(BlobChunk chunk) throws IOException {
    long start = System.nanoTime();
    try {
      return writeChunk(chunk);
    } finally {
      WRITES.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private boolean writeChunk(BlobChunk chunk) throws IOException {
    boolean partialWrite = DiskFaults.PARTIAL_WRITE.equals(faults.inject("WriteBlob", chunk.blobId()));
    Path target = layout.complete(chunk.blobId());
    if (completing.containsKey(chunk.blobId())) {
      // Whole already, published at the batch's sync (a duplicated delivery in the same batch).
      return chunk.last();
    }
    if (Files.exists(target)) {
      // Already whole (an earlier delivery, or repaired from a peer): drop any copy in progress.
      Growing stale = open.remove(chunk.blobId());
      if (stale != null) {
        stale.channel.close();
        Files.deleteIfExists(layout.partial(chunk.blobId()));
      }
      return chunk.last();
    }
    Growing blob = open.get(chunk.blobId());
    if (blob == null) {
      FileChannel channel = FileChannel.open(layout.partial(chunk.blobId()), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      blob = new Growing(channel, channel.size() == 0);
      open.put(chunk.blobId(), blob);
    }
    if (chunk.offset() > blob.channel.size()) {
      // An earlier chunk never arrived here (lost or dead-lettered on the way): writing this one
      // would leave a hole that a completed blob would serve as zeros. The blob stays incomplete.
      return false;
    }
    writeAt(blob.channel, chunk, partialWrite);
    blob.written(chunk);
    if (!chunk.last()) {
      return false;
    }
    blob.channel.truncate(chunk.totalSize());
    open.remove(chunk.blobId());
    completing.put(chunk.blobId(), new Completed(blob.channel, blob.complete(chunk.totalSize())));
    return true;
  }

  private static void writeAt(FileChannel channel, BlobChunk chunk, boolean partialWrite) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(chunk.bytes());
    long position = chunk.offset();
    if (partialWrite) {
      // Half the chunk reaches the disk, then the write fails: the caller's retry rewrites it whole.
      bytes.limit(bytes.capacity() / 2);
    }
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
    if (partialWrite) {
      channel.force(false);
      throw new IOException("injected partial write: " + bytes.limit() + " of " + bytes.capacity() + " bytes written");
    }
  }

  /**
   * Makes every chunk written so far durable and publishes the blobs they completed; called before
   * blobs are acknowledged and offsets committed. A failure leaves what was not done for the next
   * sync (the batch is written again, and a blob already published is skipped then).
   */
  void sync() throws IOException {
    if (open.isEmpty() && completing.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    try {
      List<FileChannel> files = new ArrayList<>();
      open.values().forEach(blob -> files.add(blob.channel));
      completing.values().forEach(blob -> files.add(blob.channel()));
      forceAll(files);
      Set<Path> directories = new LinkedHashSet<>();
      for (var it = completing.entrySet().iterator(); it.hasNext(); ) {
        var blob = it.next();
        // Forgotten first: if publishing fails, the batch written again reopens the partial file and completes it anew.
        it.remove();
        blob.getValue().channel().close();
        Path target = layout.complete(blob.getKey());
        publish(blob.getKey(), target, blob.getValue().sha256Hex());
        directories.add(target.getParent());
      }
      List<FileChannel> dirs = new ArrayList<>();
      try {
        for (Path dir : directories) {
          dirs.add(FileChannel.open(dir, StandardOpenOption.READ));
        }
        forceAll(dirs);
      } finally {
        for (FileChannel dir : dirs) {
          dir.close();
        }
      }
    } finally {
      SYNCS.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** fsyncs {@code files} side by side; the first failure is thrown once all have been tried. */
  private void forceAll(List<FileChannel> files) throws IOException {
    if (files.size() == 1) {
      files.get(0).force(true);
      return;
    }
    List<Future<?>> forced = new ArrayList<>(files.size());
    for (FileChannel file : files) {
      forced.add(syncers.submit(() -> {
        file.force(true);
        return null;
      }));
    }
    IOException failed = null;
    for (Future<?> f : forced) {
      try {
        f.get();
      } catch (ExecutionException e) {
        IOException cause = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        if (failed == null) {
          failed = cause;
        } else {
          failed.addSuppressed(cause);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while syncing the batch's files");
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** Forgets the blobs in progress (their files are about to be removed). */
  void closePartials() throws IOException {
    for (Growing blob : open.values()) {
      blob.channel.close();
    }
    open.clear();
    for (Completed blob : completing.values()) {
      blob.channel().close();
    }
    completing.clear();
  }

  /** See {@link BlobStore#importBlob}. */
  void importBlob(BlobId id, InputStream bytes, long size, String md5Hex) throws IOException {
    Path target = layout.complete(id);
    if (Files.exists(target)) {
      return;
    }
    Path incoming = layout.incoming(id);
    String sha256;
    try {
      sha256 = copyChecked(id, bytes, incoming, size, md5Hex);
      try (FileChannel channel = FileChannel.open(incoming, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    } catch (IOException e) {
      Files.deleteIfExists(incoming);
      throw e;
    }
    BlobLayout.intoDirectory(target, to -> Files.move(incoming, to, StandardCopyOption.ATOMIC_MOVE));
    links.deduplicate(target, sha256);
  }

  /** Copies {@code bytes} to {@code to}, checked against {@code size} and {@code md5Hex} (when given); returns their hex SHA-256. */
  private static String copyChecked(BlobId id, InputStream bytes, Path to, long size, String md5Hex) throws IOException {
    MessageDigest md5 = ContentLinks.messageDigest("MD5");
    MessageDigest sha256 = ContentLinks.messageDigest("SHA-256");
    try (var out = Files.newOutputStream(to); var in = new DigestInputStream(new DigestInputStream(bytes, sha256), md5)) {
      long copied = in.transferTo(out);
      if (copied != size) {
        throw new IOException("blob " + id + ": " + copied + " bytes arrived, " + size + " expected");
      }
    }
    String actual = HexFormat.of().formatHex(md5.digest());
    if (md5Hex != null && !md5Hex.equalsIgnoreCase(actual)) {
      throw new IOException("blob " + id + ": MD5 " + actual + " arrived, " + md5Hex + " expected");
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  /** @param sha256Hex the blob's content address when it was hashed as it was written; null to read it back */
  private void publish(BlobId id, Path target, String sha256Hex) throws IOException {
    BlobLayout.intoDirectory(target, to -> move(layout.partial(id), to));
    links.deduplicate(target, sha256Hex);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
