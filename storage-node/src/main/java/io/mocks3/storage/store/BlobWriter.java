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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes blobs durably. A blob grows in its partial file (each chunk written at its offset, so a
 * redelivered chunk rewrites the same bytes) and becomes visible by an atomic rename after fsync;
 * a whole blob from a peer is checked and published the same way. Not thread-safe: one ingest
 * thread owns the partial blobs.
 */
final class BlobWriter {
  /** Disk latency of writing a chunk (an fsync included when it completes the blob). */
  private static final Timer WRITES = Timer.builder("storage.io").description("blob store disk operations")
      .tag("operation", "write").publishPercentileHistogram().register(Metrics.globalRegistry);
  private final BlobLayout layout;
  private final ContentLinks links;
  private final DiskFaults faults;
  private final Map<BlobId, FileChannel> open = new HashMap<>();

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
    if (Files.exists(target)) {
      // Already whole (an earlier delivery, or repaired from a peer): drop any copy in progress.
      FileChannel stale = open.remove(chunk.blobId());
      if (stale != null) {
        stale.close();
        Files.deleteIfExists(layout.partial(chunk.blobId()));
      }
      return chunk.last();
    }
    FileChannel channel = open.get(chunk.blobId());
    if (channel == null) {
      channel = FileChannel.open(layout.partial(chunk.blobId()), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      open.put(chunk.blobId(), channel);
    }
    if (chunk.offset() > channel.size()) {
      // An earlier chunk never arrived here (lost or dead-lettered on the way): writing this one
      // would leave a hole that a completed blob would serve as zeros. The blob stays incomplete.
      return false;
    }
    writeAt(channel, chunk, partialWrite);
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

  /** Makes every chunk written so far durable; called before offsets are committed. */
  void syncPartials() throws IOException {
    for (FileChannel channel : open.values()) {
      channel.force(false);
    }
  }

  /** Forgets the blobs in progress (their files are about to be removed). */
  void closePartials() throws IOException {
    for (FileChannel channel : open.values()) {
      channel.close();
    }
    open.clear();
  }

  /** See {@link BlobStore#importBlob}. */
  void importBlob(BlobId id, InputStream bytes, long size, String md5Hex) throws IOException {
    Path target = layout.complete(id);
    if (Files.exists(target)) {
      return;
    }
    Path incoming = layout.incoming(id);
    try {
      copyChecked(id, bytes, incoming, size, md5Hex);
      try (FileChannel channel = FileChannel.open(incoming, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    } catch (IOException e) {
      Files.deleteIfExists(incoming);
      throw e;
    }
    Files.createDirectories(target.getParent());
    Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
    links.deduplicate(target);
  }

  private static void copyChecked(BlobId id, InputStream bytes, Path to, long size, String md5Hex) throws IOException {
    MessageDigest md5 = ContentLinks.messageDigest("MD5");
    try (var out = Files.newOutputStream(to); var in = new DigestInputStream(bytes, md5)) {
      long copied = in.transferTo(out);
      if (copied != size) {
        throw new IOException("blob " + id + ": " + copied + " bytes arrived, " + size + " expected");
      }
    }
    String actual = HexFormat.of().formatHex(md5.digest());
    if (md5Hex != null && !md5Hex.equalsIgnoreCase(actual)) {
      throw new IOException("blob " + id + ": MD5 " + actual + " arrived, " + md5Hex + " expected");
    }
  }

  private void publish(BlobId id, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      Files.move(layout.partial(id), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(layout.partial(id), target, StandardCopyOption.REPLACE_EXISTING);
    }
    links.deduplicate(target);
    try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
