package io.mocks3.ops.bench;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code --objects N}: fills the bucket before the measured workloads, as fast as the target takes
 * writes (plain HTTP, eventual on MockS3, many clients), in the {@link KeyLayout#preload} layout. A
 * bucket that already holds the layout's last key is taken as filled and left alone, so a second run
 * at the same N measures at once.
 */
final class Preload {
  private static final int ATTEMPTS = 3;

  private final S3Connection.Factory connections;
  private final KeyLayout layout;
  private final long objectSize;
  private final int clients;

  /**
   * What the preload did: objects written (0 when the bucket was already filled), the seconds the writes
   * took, failed attempts retried, and the seconds until the projector had applied them all.
   */
  record Result(long written, double seconds, long retried, double appliedSeconds) {
    double perSecond() {
      return seconds == 0 ? 0 : written / seconds;
    }
  }

  Preload(S3Connection.Factory connections, KeyLayout layout, long objectSize, int clients) {
    this.connections = connections;
    this.layout = layout;
    this.objectSize = objectSize;
    this.clients = clients;
  }

  Result run(ExecutorService pool, String what) {
    try (S3Connection s3 = connections.open()) {
      if (s3.exists(layout.lastKey())) {
        return new Result(0, 0, 0, 0);
      }
    }
    byte[] payload = new byte[Math.toIntExact(objectSize)];
    new Random(7).nextBytes(payload);
    AtomicLong next = new AtomicLong();
    LongAdder done = new LongAdder();
    LongAdder retried = new LongAdder();
    long start = System.nanoTime();
    List<Future<Object>> writers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      writers.add(pool.submit(() -> {
        try (S3Connection s3 = connections.open()) {
          for (long i = next.getAndIncrement(); i < layout.count(); i = next.getAndIncrement()) {
            write(s3, i, payload, retried);
            done.increment();
          }
        }
        return null;
      }));
    }
    awaitWithProgress(writers, done, start, what);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(layout.count(), seconds, retried.sum(), seconds);
  }

  private void write(S3Connection s3, long i, byte[] payload, LongAdder retried) {
    ObjectBody body = new ObjectBody(ByteBuffer.allocate(8).putLong(i).array(), payload, objectSize);
    for (int attempt = 1; ; attempt++) {
      try {
        s3.put(layout.key(i), body);
        return;
      } catch (RequestFailed | UncheckedIOException e) {
        if (attempt == ATTEMPTS) {
          throw new IllegalStateException("preload: " + layout.key(i) + " failed " + ATTEMPTS + " times, last: " + e.getMessage(), e);
        }
        retried.increment();
      }
    }
  }

  private void awaitWithProgress(List<Future<Object>> writers, LongAdder done, long start, String what) {
    for (Future<Object> writer : writers) {
      while (!writer.isDone()) {
        try {
          writer.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          double seconds = (System.nanoTime() - start) / 1e9;
          System.err.printf(Locale.ROOT, "%s: %d of %d objects in %.0f s (%.0f/s)%n", what, done.sum(), layout.count(),
              seconds, done.sum() / seconds);
        } catch (ExecutionException e) {
          break; // Futures.get below rethrows it as it was
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      Futures.get(writer);
    }
  }
}
