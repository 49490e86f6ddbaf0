package io.mocks3.tasks.blobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.readmodel.BlobReferences;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.Topics;
import io.mocks3.tasks.TaskAttempts;
import io.mocks3.tasks.TaskRetries;
import io.mocks3.tasks.UnreadableTask;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The sweep's tasks, done at least once: collect a batch of blobs from a node ({@code POST
 * /blobs/delete}, one request for the batch), or repair one on a node from a peer ({@code POST
 * /blobs/{id}/repair}). A failure (a disk error, the peer unavailable, an injected fault at the
 * {@code tasks} point: operations CollectGarbage, once per blob, and RepairBlob) is retried through
 * the retry topics with exponential back-off; after the last attempt the task waits in its
 * dead-letter topic ({@code mocks3.tasks.gc.dlq}, {@code mocks3.tasks.repair.dlq}) to be inspected
 * and re-driven. A blob that fails does not hold back the rest of its batch: they are collected,
 * and the task fails naming the blobs that were not, so its retries (and a re-drive) find only
 * those still there. A task whose node is down is dropped instead: the sweeps find its work again
 * once the node is back.
 *
 * <p>Before collecting: the projector must have projected every command that was in the log when
 * the sweep found the blobs unreferenced (else the task fails and is retried), and then nothing in
 * the read model may reference a blob (else it is left where it is). A blob of a write not
 * projected yet is never collected.
 */
@Component
class BlobTasks {
  private static final Logger log = LoggerFactory.getLogger(BlobTasks.class);
  /** How many blobs a task's messages name (the rest are counted). */
  private static final int FAILURES_NAMED = 5;
  private final BlobReferences references;
  private final ProjectorProgress projector;
  private final MeterRegistry meters;
  private final TaskAttempts attempts;
  private final FaultAgent faults;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();

  BlobTasks(JdbcTemplate jdbc, ProjectorProgress projector, MeterRegistry meters, ObjectProvider<FaultAgent> faults,
      TaskAttempts attempts) {
    this.attempts = attempts;
    this.references = new BlobReferences(JdbcClient.create(jdbc));
    this.projector = projector;
    this.meters = meters;
    this.faults = faults.getIfAvailable();
    meters.counter("blobs.collected");
    meters.counter("blobs.repaired");
  }

  @TaskRetries
  @KafkaListener(topics = Topics.TASKS_GC, groupId = "mocks3-blob-gc")
  void collect(ConsumerRecord<String, String> record) throws IOException, InterruptedException {
    BlobTask task = read(record);
    attempts.started(record, "gc");
    if (task.holders() != null) {
      inject("CollectGarbage", task.blob(), task.node());
      dropSurplus(task);
      return;
    }
    Map<String, String> failed = new LinkedHashMap<>();
    List<String> blobs = new ArrayList<>();
    for (String blob : task.collected()) {
      try {
        inject("CollectGarbage", blob, task.node());
        blobs.add(blob);
      } catch (InjectedFault e) {
        failed.put(blob, e.getMessage());
      }
    }
    Map<Integer, Long> before = task.commandsEnd() != null ? task.commandsEnd() : projector.commandsEnd();
    long behind = projector.commandsToProject(before);
    if (behind > 0) {
      throw new IllegalStateException("the projector has " + behind + " commands to project from before the sweep; blobs "
          + named(task.collected()) + " may belong to one of them");
    }
    Set<String> referenced = references.referenced(blobs);
    blobs.removeAll(referenced);
    Deleted deleted = delete(task, blobs);
    if (deleted == null) {
      if (failed.isEmpty()) {
        return;
      }
      // The node is down, but the blobs a fault failed are retried as that fault asked.
      deleted = new Deleted(List.of(), List.of(), Map.of());
    }
    failed.putAll(deleted.failed());
    meters.counter("blobs.collected").increment(deleted.deleted().size());
    log.info("{} blobs collected from {} ({} referenced and kept, {} already gone, {} failed)", deleted.deleted().size(),
        task.node(), referenced.size(), deleted.absent().size(), failed.size());
    if (log.isDebugEnabled()) {
      log.debug("blobs collected from {}: {}", task.node(), deleted.deleted());
    }
    if (!failed.isEmpty()) {
      throw new IOException(failed.size() + " of " + task.collected().size() + " blobs not collected from " + task.node()
          + ": " + named(failed.entrySet().stream().map(f -> f.getKey() + ": " + f.getValue()).toList(), "; "));
    }
  }

  private static String named(List<String> blobs) {
    return named(blobs, ", ");
  }

  /** The first {@value #FAILURES_NAMED} of {@code items}, and how many more there are. */
  private static String named(List<String> items, String separator) {
    return items.size() <= FAILURES_NAMED ? String.join(separator, items)
        : String.join(separator, items.subList(0, FAILURES_NAMED)) + " and " + (items.size() - FAILURES_NAMED) + " more";
  }

  /** What a node did with a batch ({@code POST /blobs/delete}'s answer). */
  private record Deleted(List<String> deleted, List<String> absent, Map<String, String> failed) {}

  /**
   * Deletes {@code blobs} on the task's node in one request; null when the node is down (the task is
   * dropped, see {@link #send}). A node that refuses the whole request fails the task.
   */
  private Deleted delete(BlobTask task, List<String> blobs) throws IOException, InterruptedException {
    if (blobs.isEmpty()) {
      return new Deleted(List.of(), List.of(), Map.of());
    }
    HttpResponse<String> response = send(task, "gc", HttpRequest.newBuilder(URI.create(task.node()).resolve("/blobs/delete"))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(Map.of("blobs", blobs)))).build());
    if (response == null) {
      return null;
    }
    if (response.statusCode() != 200) {
      throw new IOException(task.node() + " answered " + response.statusCode() + " to the delete of blobs " + named(blobs)
          + ": " + response.body());
    }
    try {
      return Json.mapper().readValue(response.body(), Deleted.class);
    } catch (JacksonException e) {
      throw new IOException(task.node() + " answered the delete of blobs " + named(blobs) + " with " + response.body(), e);
    }
  }

  /**
   * Drops a former holder's copy of a blob placed elsewhere, once each of its holders serves it; when
   * one does not (yet), the copy stays and a later sweep asks again.
   */
  private void dropSurplus(BlobTask task) throws IOException, InterruptedException {
    for (String holder : task.holders()) {
      HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(holder).resolve("/blobs/" + task.blob()))
          .timeout(Duration.ofSeconds(10)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      if (head.statusCode() != 200) {
        log.info("surplus copy of blob {} on {} kept: its holder {} answered {}", task.blob(), task.node(), holder, head.statusCode());
        return;
      }
    }
    Deleted deleted = delete(task, List.of(task.blob()));
    if (deleted == null) {
      return;
    }
    if (!deleted.failed().isEmpty()) {
      throw new IOException("surplus copy of blob " + task.blob() + " not dropped from " + task.node() + ": "
          + deleted.failed().get(task.blob()));
    }
    if (!deleted.deleted().isEmpty()) {
      meters.counter("blobs.surplus.dropped").increment();
      log.info("surplus copy of blob {} dropped from {}: its holders {} have it", task.blob(), task.node(), task.holders());
    }
  }

  @TaskRetries
  @KafkaListener(topics = Topics.TASKS_REPAIR, groupId = "mocks3-blob-repair")
  void repair(ConsumerRecord<String, String> record) throws IOException, InterruptedException {
    BlobTask task = read(record);
    if (task.blob() == null) {
      throw new UnreadableTask("a repair task names one blob: " + record.value());
    }
    attempts.started(record, "repair");
    inject("RepairBlob", task.blob(), task.node());
    String query = "from=" + URLEncoder.encode(task.source(), StandardCharsets.UTF_8)
        + (task.size() == null ? "" : "&size=" + task.size())
        + (task.md5() == null || task.md5().contains("-") ? "" : "&md5=" + task.md5());
    HttpResponse<String> response = send(task, "repair", HttpRequest.newBuilder(
        URI.create(task.node()).resolve("/blobs/" + task.blob() + "/repair?" + query))
        .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.noBody()).build());
    if (response == null) {
      return;
    }
    if (response.statusCode() != 200) {
      throw new IOException(task.node() + " could not repair blob " + task.blob() + " from " + task.source() + ": "
          + response.statusCode() + " " + response.body());
    }
    meters.counter("blobs.repaired").increment();
    log.info("blob {} repaired on {} from {}", task.blob(), task.node(), task.source());
  }

  /**
   * Sends a task's request to its node; null when the node is down (refuses connections). Such a
   * task is dropped, not retried into the DLQ: a down node lists no blobs, and the first sweep after
   * it is back finds the same work again.
   */
  private HttpResponse<String> send(BlobTask task, String type, HttpRequest request) throws IOException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      meters.counter("blob.tasks.dropped", "task", type, "reason", "node_down").increment();
      log.warn("{} task for blobs {} dropped: {} is down; the next sweep after it is back finds it again",
          type, task.blob() != null ? task.blob() : named(task.collected()), task.node());
      return null;
    }
  }

  private void inject(String operation, String blob, String node) {
    if (faults != null && faults.armed()) {
      faults.apply(new FaultTarget("tasks", "tasks", operation, null, blob, null, "tasks " + operation + " " + blob + " on " + node));
    }
  }

  private static BlobTask read(ConsumerRecord<String, String> record) {
    try {
      BlobTask task = Json.mapper().readValue(record.value(), BlobTask.class);
      if ((task.blob() == null && task.blobs() == null) || task.node() == null) {
        throw new UnreadableTask("a blob task needs blob (or blobs) and node: " + record.value());
      }
      return task;
    } catch (JacksonException | IllegalArgumentException e) {
      throw new UnreadableTask("undeserializable: not a blob task: " + e.getMessage());
    }
  }
}
