package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import io.mocks3.ops.stack.StackLayout;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import io.mocks3.schemas.Json;

/**
 * Blob tasks of the task workers, through the real stack: an overwritten object's old blob is
 * collected from both nodes after the grace period (the suite runs with 5 s); with collection
 * failing for one blob (an injected fault at the tasks point) each task naming it is retried with
 * back-off, lands in {@code mocks3.tasks.gc.dlq} after its 4 attempts, and re-driving it once the
 * fault is gone completes the collection, while the garbage beside it is collected at once; a blob a node lost is repaired from its peer.
 */
@ExtendWith(LocalStackExtension.class)
class BlobTasksIT {
  @Test
  void aFailingCollectionRetriesThenWaitsInItsDlq_AndReDrivingItCollectsTheBlob() throws Exception {
    String bucket = "gc-retries";
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket(bucket));
      s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("version one, soon garbage"));
      Set<String> orphansBefore = orphans(consistency());
      s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("version two, kept"));
      Set<String> garbage = new HashSet<>(orphans(consistency()));
      garbage.removeAll(orphansBefore);
      assertThat(garbage).as("the overwritten blob, on both nodes").hasSize(1);
      String blob = garbage.iterator().next();
      // Garbage beside it, which no rule stops: collected while the other fails (a sweep's orphans go in batches).
      s3.putObject(b -> b.bucket(bucket).key("other"), RequestBody.fromString("other, soon garbage"));
      s3.deleteObject(b -> b.bucket(bucket).key("other"));
      Set<String> besides = new HashSet<>(orphans(consistency()));
      besides.removeAll(orphansBefore);
      besides.remove(blob);
      assertThat(besides).as("the deleted object's blob").hasSize(1);

      double retriesBefore = Scrape.value(StackLayout.TASKS, "retry_attempts_total{task=\"gc\"}");
      String rule = FaultControl.createRule("{\"name\": \"gc fails\", \"service\": \"tasks\", \"conditions\": ["
          + "{\"type\": \"operation\", \"value\": \"CollectGarbage\"}, {\"type\": \"key_prefix\", \"value\": \"" + blob + "\"}],"
          + " \"action\": {\"type\": \"http_error\", \"http_code\": 500, \"message\": \"collector crashed\"}}");
      try {
        // Past the grace period (5 s), a sweep queues one task per node holding the blob; each is
        // tried 4 times, 1 s + 2 s + 4 s apart, then waits in the dead-letter topic. (The sweep's
        // count is no sign of it: earlier tests' garbage is queued too.)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .until(() -> orphanedBefore(consistency(), blob, Instant.now().minusSeconds(6)));
        assertThat(Clients.blobSweep().path("queued").path("gc").asInt()).isGreaterThanOrEqualTo(2);
        // Behind the other tests' garbage: the sweep after BenchIT queued 1,436 tasks, and ours waited over a minute.
        await().atMost(Duration.ofSeconds(120)).until(() -> deadLettersOf(blob).size() >= 2);
        // Exactly: every task for this blob was tried 4 times, each attempt failing by this test's rule.
        // (Not "exactly 2 tasks": the task workers' own 5-minute sweep may queue the blob once more.)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(FaultControl.injections(rule)).isEqualTo(4L * deadLettersOf(blob).size()));
        assertThat(deadLettersOf(blob)).extracting(BlobTasksIT::nodeOf).as("a task for each node holding the blob")
            .containsOnly(nodeUrls().toArray(String[]::new));
        // A bound: the counter is every GC task's, and other tests' garbage may be retried meanwhile.
        assertThat(Scrape.value(StackLayout.TASKS, "retry_attempts_total{task=\"gc\"}") - retriesBefore)
            .as("3 retries per task").isGreaterThanOrEqualTo(6);
        assertThat(deadLettersOf(blob)).allSatisfy(d -> assertThat(d.toString()).contains("collector crashed"));
        assertThat(orphans(consistency())).as("the failing blob is not collected, the garbage beside it is")
            .contains(blob).doesNotContainAnyElementsOf(besides);
      } finally {
        FaultControl.change("DELETE", "/api/v1/rules/" + rule, null);
      }

      Clients.ops("dlq", "redrive", "mocks3.tasks.gc.dlq");
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .until(() -> !orphans(consistency()).contains(blob));
      // Tasks of other tests' garbage may fail again (a node those tests killed); ours must not.
      assertThat(deadLettersOf(blob)).isEmpty();
      assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String()).isEqualTo("version two, kept");
      JsonNode report = consistency();
      assertThat(report.path("consistent").asBoolean()).as(report.toPrettyString()).isTrue();
    }
  }

  @Test
  void aBlobOneNodeLostIsRepairedFromItsPeer() throws Exception {
    String bucket = "repair-from-peer";
    try (S3Client s3 = Clients.s3()) {
      s3.createBucket(b -> b.bucket(bucket));
      s3.putObject(b -> b.bucket(bucket).key("precious"), RequestBody.fromString("bytes one disk will lose"));
      Path blobs = LocalStackExtension.layout().data("storage-node-2").resolve("blobs");
      byte[] precious = "bytes one disk will lose".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      // The PUT waited for one node's acknowledgement (the stack's write quorum): node-2 may store it later.
      String id = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(() -> blobHolding(blobs, precious), java.util.Objects::nonNull);
      Files.delete(blobs.resolve(id.substring(0, 2)).resolve(id));
      assertThat(missingOn(consistency(), "node-2")).contains(id);

      // Missing in two sweeps in a row: repaired from node-1.
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        Clients.blobSweep();
        assertThat(missingOn(consistency(), "node-2")).doesNotContain(id);
      });
      assertThat(Files.readString(blobs.resolve(id.substring(0, 2)).resolve(id))).isEqualTo("bytes one disk will lose");
    }
  }

  /** The id of the blob under {@code blobs} that holds exactly {@code bytes}; null when none does yet. */
  private static String blobHolding(Path blobs, byte[] bytes) throws IOException {
    for (String id : fileNames(blobs)) {
      Path file = blobs.resolve(id.substring(0, 2)).resolve(id);
      try {
        if (Files.size(file) == bytes.length && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
          return id;
        }
      } catch (NoSuchFileException collected) {
        // The collector may delete other tests' orphans while this looks: a file that vanished is not ours.
      }
    }
    return null;
  }

  /** The names of the files under {@code dir} that read as regular files, skipping those deleted while it is walked. */
  private static Set<String> fileNames(Path dir) throws IOException {
    Set<String> names = new HashSet<>();
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (Files.isRegularFile(file)) { // a blob's name may link to its content: followed, as a read would
          names.add(file.getFileName().toString());
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    return names;
  }

  /** Whether every node that holds {@code blob} as an orphan has held it since before {@code instant}. */
  private static boolean orphanedBefore(JsonNode report, String blob, Instant instant) {
    boolean found = false;
    for (JsonNode node : report.path("storageNodes")) {
      for (JsonNode orphan : node.path("orphans")) {
        if (orphan.path("id").asString().equals(blob)) {
          found = true;
          if (!Instant.parse(orphan.path("modified").asString()).isBefore(instant)) {
            return false;
          }
        }
      }
    }
    return found;
  }

  /** The GC tasks naming {@code blob} waiting in {@code mocks3.tasks.gc.dlq} (a task collects a batch of a node's blobs). */
  private static java.util.List<JsonNode> deadLettersOf(String blob) throws Exception {
    return FaultControl.deadLetters("mocks3.tasks.gc.dlq").stream().filter(d -> {
      JsonNode task = task(d);
      return blob.equals(task.path("blob").asString(null)) || task.path("blobs").valueStream().anyMatch(b -> blob.equals(b.asString()));
    }).toList();
  }

  /** The storage node a GC task was for. */
  private static String nodeOf(JsonNode deadLetter) {
    return task(deadLetter).path("node").asString();
  }

  /** The GC task a dead letter holds (its JSON, the dead letter's value). */
  private static JsonNode task(JsonNode deadLetter) {
    try {
      return Json.mapper().readTree(deadLetter.path("value").asString());
    } catch (tools.jackson.core.JacksonException e) {
      throw new AssertionError("not a GC task: " + deadLetter, e);
    }
  }

  /** Every storage node, by the URL the sweep names it with (the consistency report's). */
  private static Set<String> nodeUrls() throws Exception {
    Set<String> out = new HashSet<>();
    consistency().path("storageNodes").forEach(n -> out.add(n.path("url").asString()));
    return out;
  }

  private static JsonNode consistency() throws Exception {
    return Clients.consistency("limit=100000&acknowledged=false");
  }

  private static Set<String> orphans(JsonNode report) {
    Set<String> out = new HashSet<>();
    report.path("storageNodes").forEach(n -> n.path("orphans").forEach(o -> out.add(o.path("id").asString())));
    return out;
  }

  private static Set<String> missingOn(JsonNode report, String node) {
    Set<String> out = new HashSet<>();
    report.path("storageNodes").forEach(n -> {
      if (n.path("node").asString().equals(node)) {
        n.path("missing").forEach(m -> out.add(m.path("id").asString()));
      }
    });
    return out;
  }
}
