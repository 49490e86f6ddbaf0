package io.mocks3.tasks.blobs;

import tools.jackson.databind.JsonNode;
import io.mocks3.faults.agent.security.ControlToken;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.Topics;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The mark half of blob GC and repair: reads the projector's consistency report (which compares
 * every storage node with the blobs the read model references) and puts tasks on the log for the
 * blobs to act on: {@code mocks3.tasks.gc} for the orphans older than the grace period (a task per
 * {@value #COLLECT_BATCH} of a node's),
 * {@code mocks3.tasks.repair} for a referenced blob a node has been missing for two sweeps in a row
 * (once could be a node still catching up with the log), to be copied from a node that has it. With
 * placement, a node is judged by the blobs placed on it (the report says which), and a former holder's
 * surplus copy is dropped ({@code mocks3.tasks.gc}) once every node the blob is placed on has it: that is
 * how a change of members re-places blobs (new holders repaired from old ones, then the old copies go).
 * Every superseded, deleted or aborted blob becomes an orphan, so this one sweep finds them all,
 * including the garbage a node's replay brings back.
 */
@Component
public class BlobSweep {
  private static final Logger log = LoggerFactory.getLogger(BlobSweep.class);
  private final BlobTaskProperties props;
  private final KafkaTemplate<String, String> kafka;
  private final ProjectorProgress projector;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Set<String> missingLastTime = new HashSet<>();
  /**
   * A scheduled sweep waits at least this many times as long as its last report took: the report
   * reads the whole read model, every node's inventory and the command log (most of a minute, on a
   * core, at a million objects), and its share of the machine stays under 5%.
   */
  private static final int WAIT_PER_REPORT_TIME = 19;
  /**
   * The most orphans of one node a GC task names: a task checks its blobs' references in one query
   * and deletes them in one request to the node, where a task per blob cost the node a request each
   * (about 4 ms of its CPU to delete a 4 KiB file) and the task workers a query and a log line each.
   */
  static final int COLLECT_BATCH = 500;
  private Duration lastReportTook = Duration.ZERO;
  private Instant lastReportEnded = Instant.MIN;

  BlobSweep(BlobTaskProperties props, KafkaTemplate<String, String> kafka, ProjectorProgress projector, Clock clock) {
    this.props = props;
    this.kafka = kafka;
    this.projector = projector;
    this.clock = clock;
  }

  /**
   * The sweep every {@code interval}, skipped while less than {@value #WAIT_PER_REPORT_TIME} times
   * the last report's length has passed since that report ended. A sweep asked for ({@code POST
   * /admin/tasks/blob-sweep}) always runs.
   */
  public synchronized void scheduled() {
    if (clock.instant().isBefore(lastReportEnded.plus(lastReportTook.multipliedBy(WAIT_PER_REPORT_TIME)))) {
      return;
    }
    sweep();
    Duration spaced = lastReportTook.multipliedBy(WAIT_PER_REPORT_TIME);
    if (spaced.compareTo(props.interval()) > 0) {
      log.info("blob sweep: the consistency report took {} ms, so the next scheduled sweep waits at least {} s, not {} s",
          lastReportTook.toMillis(), spaced.toSeconds(), props.interval().toSeconds());
    }
  }

  /** One sweep; returns how many blobs of each kind of task it put on the log (a GC task collects up to {@value #COLLECT_BATCH}). */
  public synchronized Map<String, Integer> sweep() {
    Map<String, Integer> queued = new LinkedHashMap<>(Map.of("gc", 0, "repair", 0, "drop-surplus", 0));
    JsonNode report;
    Map<Integer, Long> commandsEnd;
    // An orphan may be collected when it was stored a grace period before the log's end was read, not
    // before the report came back: a blob stored while the report was computed (seconds, for a large one)
    // can belong to a command after that end, which the task's "projected up to there" check misses.
    Instant collectBefore = clock.instant().minus(props.grace());
    try {
      // Read before the report: a command referencing a blob the report calls an orphan is before this end.
      commandsEnd = projector.commandsEnd();
      Instant asked = clock.instant();
      HttpResponse<String> response;
      try {
        response = http.send(ControlToken.authorize(HttpRequest.newBuilder(props.projectorUrl().resolve("/admin/consistency?limit=10000&acknowledged=false")))
            .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
      } finally {
        lastReportEnded = clock.instant();
        lastReportTook = Duration.between(asked, lastReportEnded);
      }
      if (response.statusCode() != 200) {
        throw new IOException("answered " + response.statusCode());
      }
      report = Json.mapper().readTree(response.body());
    } catch (IOException | JacksonException | IllegalStateException e) {
      log.warn("blob sweep skipped: no consistency report from {}: {}", props.projectorUrl(), e.getMessage());
      return queued;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return queued;
    }
    Set<String> missingNow = new HashSet<>();
    JsonNode nodes = report.path("storageNodes");
    List<ReportedNode> answered = ReportedNode.of(nodes);
    queued.put("drop-surplus", dropSurplus(answered, nodes.size()));
    for (JsonNode node : nodes) {
      String url = node.path("url").asString();
      List<String> batch = new ArrayList<>();
      for (JsonNode orphan : node.path("orphans")) {
        if (Instant.parse(orphan.path("modified").asString()).isBefore(collectBefore)) {
          batch.add(orphan.path("id").asString());
          if (batch.size() == COLLECT_BATCH) {
            send(Topics.TASKS_GC, BlobTask.collect(batch, url, commandsEnd));
            batch.clear();
          }
          queued.merge("gc", 1, Integer::sum);
        }
      }
      if (!batch.isEmpty()) {
        send(Topics.TASKS_GC, BlobTask.collect(batch, url, commandsEnd));
      }
      for (JsonNode missing : node.path("missing")) {
        String id = missing.path("id").asString();
        missingNow.add(url + " " + id);
        String source = holder(answered, id, url);
        if (missingLastTime.contains(url + " " + id) && source != null) {
          send(Topics.TASKS_REPAIR, BlobTask.repair(id, url, source, missing.path("size").asLong(), missing.path("md5").asString()));
          queued.merge("repair", 1, Integer::sum);
        }
      }
    }
    missingLastTime = missingNow;
    if (queued.values().stream().anyMatch(n -> n > 0)) {
      log.info("blob sweep queued {}", queued);
    }
    return queued;
  }

  /** A node other than {@code except} that has {@code blob} (placed there or kept as surplus); null when none has. */
  private static String holder(List<ReportedNode> nodes, String blob, String except) {
    for (ReportedNode node : nodes) {
      if (!node.url().equals(except) && node.has(blob)) {
        return node.url();
      }
    }
    return null;
  }

  /**
   * A surplus copy (a former holder's, after the members changed) may go once every node the blob is
   * placed on has it: only when every node answered the report with its whole list of missing blobs.
   * The task checks the holders again before it deletes.
   */
  private int dropSurplus(List<ReportedNode> nodes, int reported) {
    if (nodes.size() < reported || nodes.stream().anyMatch(n -> !n.complete())) {
      return 0;
    }
    int queued = 0;
    for (ReportedNode node : nodes) {
      for (String blob : node.surplus()) {
        List<ReportedNode> holders = nodes.stream().filter(n -> n.placedHere(blob)).toList();
        if (!holders.isEmpty() && !holders.contains(node) && holders.stream().allMatch(h -> h.has(blob))) {
          send(Topics.TASKS_GC, BlobTask.dropSurplus(blob, node.url(), holders.stream().map(ReportedNode::url).toList()));
          queued++;
        }
      }
    }
    return queued;
  }

  private void send(String topic, BlobTask task) {
    kafka.send(topic, task.key(), Json.mapper().writeValueAsString(task));
  }
}
