package io.mocks3.storage.store;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.mocks3.schemas.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Reads complete blobs: a byte range as a stream, the size, the MD5. Safe for concurrent readers. */
final class BlobReader {
  /** Disk latency of opening a blob for a read. */
  private static final Timer READS = Timer.builder("storage.io").description("blob store disk operations")
      .tag("operation", "read").publishPercentileHistogram().register(Metrics.globalRegistry);
  private final BlobLayout layout;
  private final DiskFaults faults;

  BlobReader(BlobLayout layout, DiskFaults faults) {
    this.layout = layout;
    this.faults = faults;
  }

  Optional<Long> size(BlobId id) {
    try {
      return Optional.of(Files.size(layout.complete(id)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens {@code length} bytes of a complete blob from {@code offset}; empty when absent. */
  Optional<InputStream> read(BlobId id, long offset, long length) throws IOException {
    long start = System.nanoTime();
    try {
      return open(id, offset, length);
    } finally {
      READS.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private Optional<InputStream> open(BlobId id, long offset, long length) throws IOException {
    faults.inject("ReadBlob", id);
    FileChannel channel;
    try {
      channel = FileChannel.open(layout.complete(id), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    channel.position(offset);
    InputStream whole = Channels.newInputStream(channel);
    return Optional.of(new BoundedInputStream(whole, length));
  }

  /** Hex MD5 of a complete blob's bytes, read from disk now; empty when absent. */
  Optional<String> md5(BlobId id) throws IOException {
    try (InputStream in = Files.newInputStream(layout.complete(id))) {
      return Optional.of(HexFormat.of().formatHex(ContentLinks.digest(in, "MD5")));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
