package io.mocks3.ops.bench;

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

/**
 * Runs one workload against one target: {@link #prepare} writes the objects it reads (and waits until
 * they are visible), {@link #run} drives the clients, each on its own connection, for a count or a
 * duration and tallies each operation. Every PUT carries distinct bytes, so content-addressed storage
 * cannot skip the write.
 */
final class WorkloadRun {
  /** Weights of the operations a mixed workload draws: GET 50, PUT 25, HEAD 10, DELETE 10, LIST 5. */
  private static final Operation[] MIX = mix();

  private final S3Connection.Factory connections;
  private final Workload workload;
  private final String prefix;
  private final byte[] payload;
  private final List<String> fixtures = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> doomed = new ConcurrentLinkedQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final String listPrefix;
  private final int listed;
  private final KeyLayout directories;
  private final boolean writesDirectories;

  /**
   * {@code preloaded}: the objects of {@code --objects} (a prefix+delimiter listing reads them), or null.
   * {@code operations}: how many operations the run does in all when it is bounded by a count (no
   * fixture beyond that many can be read, so none is written), 0 when it runs for a duration.
   */
  WorkloadRun(S3Connection.Factory connections, Workload workload, String prefix, long partSize, KeyLayout preloaded,
      long operations) {
    this.connections = connections;
    this.workload = workload;
    this.prefix = prefix;
    long objectSize = workload.operation().lists() ? 1 : workload.size();
    this.payload = new byte[Math.toIntExact(Math.min(objectSize, partSize))];
    new Random(42).nextBytes(payload);
    this.listPrefix = prefix + "list/";
    int fixtureCount = switch (workload.operation()) {
      case GET, HEAD, MIXED -> fixtures(workload.size(), operations);
      default -> 0;
    };
    for (int i = 0; i < fixtureCount; i++) {
      fixtures.add(prefix + "fixture/" + i);
    }
    this.listed = switch (workload.operation()) {
      case LIST, LIST_PAGE -> (int) workload.size();
      case MIXED -> fixtureCount;
      default -> 0;
    };
    this.writesDirectories = workload.operation() == Operation.LIST_DIRS && preloaded == null;
    this.directories = writesDirectories ? new KeyLayout(prefix + "dirs/", workload.size()) : preloaded;
  }

  /** How many objects a reading workload reads from: up to 64 and 256 MiB of them, no more than a counted run can read, at least 4. */
  private static int fixtures(long size, long operations) {
    long readable = Math.min(64, (256L << 20) / Math.max(1, size));
    return (int) Math.max(4, operations > 0 ? Math.min(readable, operations) : readable);
  }

  /** Writes what the workload reads, using its clients in parallel, and waits until it is all visible. */
  void prepare(ExecutorService pool) {
    List<String> keys = new ArrayList<>(fixtures);
    for (int i = 0; i < listed; i++) {
      keys.add(String.format("%s%04d", listPrefix, i));
    }
    for (long i = 0; writesDirectories && i < directories.count(); i++) {
      keys.add(directories.key(i));
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
        try (S3Connection s3 = connections.open()) {
          while (System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
            Operation operation = pick(written);
            if (operation == null) {
              break;
            }
            long t0 = System.nanoTime();
            try {
              long bytes = perform(s3, operation, written);
              tally.of(operation).success(System.nanoTime() - t0, bytes);
            } catch (RequestFailed e) {
              tally.of(operation).failure(e.kind(), e.getMessage());
            } catch (UncheckedIOException e) {
              tally.of(operation).failure(e.getCause().getClass().getSimpleName(), e.getMessage());
            }
            progress.increment();
          }
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

  private long perform(S3Connection s3, Operation operation, Deque<String> written) {
    return switch (operation) {
      case PUT -> {
        String key = prefix + "put/" + sequence.incrementAndGet();
        s3.put(key, body(workload.size()));
        if (workload.operation() == Operation.MIXED) {
          written.add(key);
        }
        yield workload.size();
      }
      case GET -> s3.get(randomFixture());
      case HEAD -> {
        String key = randomFixture();
        if (!s3.exists(key)) {
          throw new RequestFailed(404, "404 NoSuchKey", "HEAD " + key + ": 404");
        }
        yield 0;
      }
      case LIST -> expectListed(s3.list(listPrefix, null, 1000), listed);
      case LIST_PAGE -> expectListed(s3.list("", null, (int) workload.size()), listed);
      case LIST_DIRS -> expectListed(s3.list(directories.root(), "/", (int) workload.size()),
          (int) Math.min(workload.size(), directories.directories()));
      case DELETE -> {
        String key = workload.operation() == Operation.MIXED ? written.poll() : doomed.poll();
        if (key != null) {
          s3.delete(key);
        }
        yield 0;
      }
      case MIXED -> throw new IllegalStateException("MIXED is drawn from, never performed");
    };
  }

  /** A listing that did not return every key the workload wrote is an error, not a success. */
  private static long expectListed(int got, int expected) {
    if (got != expected) {
      throw new RequestFailed(200, "IncompleteListing", "listed " + got + " of " + expected + " keys");
    }
    return 0;
  }

  private ObjectBody body(long size) {
    byte[] unique = ByteBuffer.allocate(16).putLong(sequence.incrementAndGet()).putLong(System.nanoTime()).array();
    return new ObjectBody(unique, payload, size);
  }

  private String randomFixture() {
    return fixtures.get(ThreadLocalRandom.current().nextInt(fixtures.size()));
  }

  private void putAll(ExecutorService pool, List<String> keys) {
    long size = workload.operation().lists() || workload.operation() == Operation.DELETE ? 1 : workload.size();
    AtomicLong next = new AtomicLong();
    List<Future<Object>> writers = new ArrayList<>();
    for (int c = 0; c < Math.min(workload.clients(), Math.max(1, keys.size())); c++) {
      writers.add(pool.submit(() -> {
        try (S3Connection s3 = connections.open()) {
          for (long i = next.getAndIncrement(); i < keys.size(); i = next.getAndIncrement()) {
            s3.put(keys.get((int) i), body(size));
          }
        }
        return null;
      }));
    }
    writers.forEach(Futures::get);
  }

  /** Written objects can lag (eventual consistency on the target): wait until the reads would see them. */
  private void awaitVisible() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (S3Connection s3 = connections.open()) {
      for (String key : fixtures) {
        while (!s3.exists(key)) {
          failAfter(deadline, "object " + key);
        }
      }
      while (listed > 0 && s3.list(listPrefix, null, 1000) < listed) {
        failAfter(deadline, "the " + listed + " listed keys");
      }
      while (writesDirectories && s3.list(directories.root(), "/", 1000) < directories.directories()) {
        failAfter(deadline, "the " + directories.directories() + " listed directories");
      }
    }
  }

  private static void failAfter(long deadline, String what) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(what + " did not become visible within 60 s");
    }
    Thread.onSpinWait();
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
}
