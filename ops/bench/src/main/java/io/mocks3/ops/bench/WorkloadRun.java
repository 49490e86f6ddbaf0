package io.mocks3.ops.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Runs one workload against one target: {@link #prepare} writes the objects it reads (and waits until
 * they are visible), {@link #run} drives the clients for a count or a duration and tallies each
 * operation. Every PUT carries distinct bytes, so content-addressed storage cannot skip the write.
 */
final class WorkloadRun {
  /** Weights of the operations a mixed workload draws: GET 50, PUT 25, HEAD 10, DELETE 10, LIST 5. */
  private static final Operation[] MIX = mix();

  private final S3Client s3;
  private final String bucket;
  private final Workload workload;
  private final String prefix;
  private final long partSize;
  private final byte[] payload;
  private final List<String> fixtures = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> doomed = new ConcurrentLinkedQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final String listPrefix;
  private final int listed;

  WorkloadRun(S3Client s3, String bucket, Workload workload, String prefix, long partSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.workload = workload;
    this.prefix = prefix;
    this.partSize = partSize;
    long objectSize = workload.operation() == Operation.LIST ? 1 : workload.size();
    this.payload = new byte[Math.toIntExact(Math.min(objectSize, partSize))];
    new Random(42).nextBytes(payload);
    this.listPrefix = prefix + "list/";
    int fixtureCount = switch (workload.operation()) {
      case GET, HEAD, MIXED -> (int) Math.max(4, Math.min(64, (256L << 20) / workload.size()));
      default -> 0;
    };
    for (int i = 0; i < fixtureCount; i++) {
      fixtures.add(prefix + "fixture/" + i);
    }
    this.listed = switch (workload.operation()) {
      case LIST -> (int) workload.size();
      case MIXED -> fixtureCount;
      default -> 0;
    };
  }

  /** Writes what the workload reads, using its clients in parallel, and waits until it is all visible. */
  void prepare(ExecutorService pool) {
    List<String> keys = new ArrayList<>(fixtures);
    for (int i = 0; i < listed; i++) {
      keys.add(String.format("%s%04d", listPrefix, i));
    }
    putAll(pool, keys);
    awaitVisible();
  }

  /** Before each measured DELETE round: the keys it will delete (count, or enough for the round). */
  void refill(ExecutorService pool, long count) {
    if (workload.operation() != Operation.DELETE) {
      return;
    }
    List<String> keys = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      keys.add(prefix + "doomed/" + sequence.incrementAndGet());
    }
    putAll(pool, keys);
    doomed.addAll(keys);
  }

  /**
   * Drives {@code clients} loops until {@code count} operations are done (when positive) or the
   * duration is over, and tallies them. {@code progress} counts completions as they happen.
   */
  Tally run(ExecutorService pool, long count, Duration duration, LongAdder progress) {
    AtomicLong remaining = new AtomicLong(count > 0 ? count : Long.MAX_VALUE);
    long deadline = System.nanoTime() + (count > 0 ? Long.MAX_VALUE / 4 : duration.toNanos());
    List<Future<Tally>> clients = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < workload.clients(); c++) {
      clients.add(pool.submit(() -> {
        Tally tally = new Tally();
        Deque<String> written = new ArrayDeque<>();
        while (System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
          Operation operation = pick(written);
          if (operation == null) {
            break;
          }
          long t0 = System.nanoTime();
          try {
            long bytes = perform(operation, written);
            tally.of(operation).success(System.nanoTime() - t0, bytes);
          } catch (SdkException | UncheckedIOException e) {
            tally.of(operation).failure(kind(e), e.getMessage());
          }
          progress.increment();
        }
        return tally;
      }));
    }
    Tally total = new Tally();
    for (Future<Tally> client : clients) {
      total.add(Futures.get(client));
    }
    total.seconds = (System.nanoTime() - start) / 1e9;
    return total;
  }

  private Operation pick(Deque<String> written) {
    return switch (workload.operation()) {
      case MIXED -> {
        Operation drawn = MIX[ThreadLocalRandom.current().nextInt(MIX.length)];
        yield drawn == Operation.DELETE && written.isEmpty() ? Operation.PUT : drawn;
      }
      case DELETE -> doomed.isEmpty() ? null : Operation.DELETE;
      default -> workload.operation();
    };
  }

  private long perform(Operation operation, Deque<String> written) {
    return switch (operation) {
      case PUT -> {
        String key = prefix + "put/" + sequence.incrementAndGet();
        put(key, workload.size());
        if (workload.operation() == Operation.MIXED) {
          written.add(key);
        }
        yield workload.size();
      }
      case GET -> {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(randomFixture()), ResponseTransformer.toInputStream())) {
          yield in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case HEAD -> {
        s3.headObject(b -> b.bucket(bucket).key(randomFixture()));
        yield 0;
      }
      case LIST -> {
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(listPrefix).maxKeys(1000));
        if (page.keyCount() != listed) {
          throw new IncompleteListing(listed, page.keyCount());
        }
        yield 0;
      }
      case DELETE -> {
        String key = workload.operation() == Operation.MIXED ? written.poll() : doomed.poll();
        if (key != null) {
          s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
        yield 0;
      }
      case MIXED -> throw new IllegalStateException("MIXED is drawn from, never performed");
    };
  }

  private void put(String key, long size) {
    byte[] unique = ByteBuffer.allocate(16).putLong(sequence.incrementAndGet()).putLong(System.nanoTime()).array();
    if (size <= partSize) {
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromContentProvider(body(unique, size), size, "application/octet-stream"));
      return;
    }
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    try {
      for (long offset = 0; offset < size; offset += partSize) {
        long length = Math.min(partSize, size - offset);
        int number = parts.size() + 1;
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
            RequestBody.fromContentProvider(body(number == 1 ? unique : new byte[0], length), length, "application/octet-stream")).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      }
      s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      throw e;
    }
  }

  /** {@code length} bytes: {@code head} followed by the shared random payload. */
  private ContentStreamProvider body(byte[] head, long length) {
    int headLength = (int) Math.min(head.length, length);
    return () -> new SequenceInputStream(new ByteArrayInputStream(head, 0, headLength),
        new ByteArrayInputStream(payload, headLength, (int) length - headLength));
  }

  private String randomFixture() {
    return fixtures.get(ThreadLocalRandom.current().nextInt(fixtures.size()));
  }

  private void putAll(ExecutorService pool, List<String> keys) {
    long size = switch (workload.operation()) {
      case LIST, DELETE -> 1;
      default -> workload.size();
    };
    AtomicLong next = new AtomicLong();
    List<Future<Object>> writers = new ArrayList<>();
    for (int c = 0; c < Math.min(workload.clients(), Math.max(1, keys.size())); c++) {
      writers.add(pool.submit(() -> {
        for (long i = next.getAndIncrement(); i < keys.size(); i = next.getAndIncrement()) {
          put(keys.get((int) i), size);
        }
        return null;
      }));
    }
    writers.forEach(Futures::get);
  }

  /** Written objects can lag (eventual consistency on the target): wait until the reads would see them. */
  private void awaitVisible() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (String key : fixtures) {
      while (true) {
        try {
          s3.headObject(b -> b.bucket(bucket).key(key));
          break;
        } catch (S3Exception e) {
          if (e.statusCode() != 404 || System.nanoTime() > deadline) {
            throw e;
          }
          Thread.onSpinWait();
        }
      }
    }
    if (listed > 0) {
      while (s3.listObjectsV2(b -> b.bucket(bucket).prefix(listPrefix).maxKeys(1000)).keyCount() < listed) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the " + listed + " listed keys did not all become visible within 60 s");
        }
      }
    }
  }

  static String kind(Exception e) {
    if (e instanceof S3Exception s3e) {
      String code = s3e.awsErrorDetails() == null ? null : s3e.awsErrorDetails().errorCode();
      return s3e.statusCode() + (code == null ? "" : " " + code);
    }
    return e.getClass().getSimpleName();
  }

  private static Operation[] mix() {
    List<Operation> mix = new ArrayList<>();
    add(mix, Operation.GET, 50);
    add(mix, Operation.PUT, 25);
    add(mix, Operation.HEAD, 10);
    add(mix, Operation.DELETE, 10);
    add(mix, Operation.LIST, 5);
    return mix.toArray(Operation[]::new);
  }

  private static void add(List<Operation> mix, Operation operation, int weight) {
    for (int i = 0; i < weight; i++) {
      mix.add(operation);
    }
  }

  /** A listing that did not return every key the workload wrote: counted as an error, not a success. */
  static final class IncompleteListing extends SdkException {
    IncompleteListing(int expected, int got) {
      super(SdkException.builder().message("listed " + got + " of " + expected + " keys"));
    }
  }
}
