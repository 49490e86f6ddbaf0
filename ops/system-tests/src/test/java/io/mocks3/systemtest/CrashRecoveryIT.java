package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.ops.stack.Supervisor;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * kill -9 of the metadata projector and a storage node in the middle of a stream of PUTs: after
 * restart, every PUT that was acknowledged is readable and byte-identical, and the killed node's
 * own disk holds every object (it is the only node left serving at the end).
 */
@ExtendWith(LocalStackExtension.class)
// Longer than the suite's 5-minute default: services are killed and restarted, and a node rebuilt from the log may take up to 5 minutes.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CrashRecoveryIT {
  private static final String BUCKET = "crash-recovery";
  private static final int OBJECT_BYTES = 96 * 1024;

  @Test
  void acknowledgedWritesSurviveKill9OfProjectorAndStorageNode() throws Exception {
    Supervisor stack = LocalStackExtension.supervisor();
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket(BUCKET));
      Future<?> stream = writer.submit(() -> {
        Random random = new Random(11);
        for (int i = 0; writing.get() && i < 2_000; i++) {
          byte[] body = new byte[OBJECT_BYTES];
          random.nextBytes(body);
          String key = "obj-" + i;
          try {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
            acknowledged.put(key, Clients.md5(body));
          } catch (RuntimeException notAcknowledged) {
            // A write that failed during the crash may or may not be stored; it was never promised.
          }
        }
      });

      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 40);
      stack.kill("metadata-projector");
      stack.kill("storage-node-1");
      // The PUT in flight now waits for an outcome that only the restarted projector can give.
      stack.start("storage-node-1");
      stack.start("metadata-projector");
      int afterRestart = acknowledged.size();
      await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged.size() >= afterRestart + 40);
      writing.set(false);
      stream.get();

      // Only the killed node remains: everything must come from its disk.
      stack.kill("storage-node-2");
      try {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
          for (Map.Entry<String, String> object : acknowledged.entrySet()) {
            byte[] back = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object.getKey())).asByteArray();
            assertThat(Clients.md5(back)).as(object.getKey()).isEqualTo(object.getValue());
          }
        });
      } finally {
        stack.start("storage-node-2");
      }
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(80);
    } finally {
      writer.shutdownNow();
    }
  }

  /**
   * A storage node killed in the middle of the writes comes back with an empty disk: it consumes the
   * blob log from the beginning (its position lived on the lost disk) and, with the other node
   * gone, serves every acknowledged object byte-identical; the consistency report finds nothing
   * missing on it.
   */
  @Test
  void aStorageNodeKilledDuringWritesAndRestartedEmptyIsRepairedFromTheLog() throws Exception {
    Supervisor stack = LocalStackExtension.supervisor();
    String bucket = "crash-empty-disk";
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket(bucket));
      Future<?> stream = writer.submit(() -> {
        Random random = new Random(12);
        for (int i = 0; writing.get() && i < 2_000; i++) {
          byte[] body = new byte[8 * 1024 + random.nextInt(64 * 1024)];
          random.nextBytes(body);
          String key = "obj-" + i;
          try {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
            acknowledged.put(key, Clients.md5(body));
          } catch (RuntimeException notAcknowledged) {
            // not promised
          }
        }
      });

      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 40);
      stack.kill("storage-node-1");
      java.nio.file.Path disk = LocalStackExtension.layout().data("storage-node-1");
      try (var files = java.nio.file.Files.walk(disk)) {
        for (java.nio.file.Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.delete(p);
        }
      }
      int whileDown = acknowledged.size();
      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= whileDown + 20);
      writing.set(false);
      stream.get();
      // Back with an empty disk: it rebuilds from the whole blob log (every test's blobs so far).
      stack.start("storage-node-1");

      stack.kill("storage-node-2");
      try {
        // Until node-1 has rebuilt, its reads are 503 (bytes not available): keep asking.
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
            .ignoreExceptionsInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class).untilAsserted(() -> {
          for (Map.Entry<String, String> object : acknowledged.entrySet()) {
            byte[] back = s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.getKey())).asByteArray();
            assertThat(Clients.md5(back)).as(object.getKey()).isEqualTo(object.getValue());
          }
        });
      } finally {
        stack.start("storage-node-2");
      }
      var report = Clients.consistency("verify=false&acknowledged=false");
      report.path("storageNodes").forEach(node -> assertThat(node.path("missingCount").asInt()).as(node.toString()).isZero());
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);
    } finally {
      writer.shutdownNow();
    }
  }
}
