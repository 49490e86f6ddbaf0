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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The mark half of blob GC and repair: reads the projector's consistency report (which compares
 * every storage node with the blobs the read model references) and puts a task on the log for
 * each blob to act on: {@code mocks3.tasks.gc} for an orphan older than the grace period,
 * {@code mocks3.tasks.repair} for a referenced blob a node has been missing for two sweeps in a row
 * (once could be a node still catching up with the log), to be copied from a node that has it.
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

  BlobSweep(BlobTaskProperties props, KafkaTemplate<String, String> kafka, ProjectorProgress projector, Clock clock) {
    this.props = props;
    this.kafka = kafka;
    this.projector = projector;
    this.clock = clock;
  }

  /** One sweep; returns how many tasks of each kind it put on the log. */
  public synchronized Map<String, Integer> sweep() {
    Map<String, Integer> queued = new LinkedHashMap<>(Map.of("gc", 0, "repair", 0));
    JsonNode report;
    Map<Integer, Long> commandsEnd;
    try {
      // Read before the report: a command referencing a blob the report calls an orphan is before this end.
      commandsEnd = projector.commandsEnd();
      HttpResponse<String> response = http.send(ControlToken.authorize(HttpRequest.newBuilder(props.projectorUrl().resolve("/admin/consistency?limit=10000&acknowledged=false")))
          .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
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
    Instant collectBefore = clock.instant().minus(props.grace());
    Set<String> missingNow = new HashSet<>();
    JsonNode nodes = report.path("storageNodes");
    Map<String, Set<String>> lacking = lacking(nodes);
    for (JsonNode node : nodes) {
      String url = node.path("url").asString();
      for (JsonNode orphan : node.path("orphans")) {
        if (Instant.parse(orphan.path("modified").asString()).isBefore(collectBefore)) {
          send(Topics.TASKS_GC, BlobTask.collect(orphan.path("id").asString(), url, commandsEnd));
          queued.merge("gc", 1, Integer::sum);
        }
      }
      for (JsonNode missing : node.path("missing")) {
        String id = missing.path("id").asString();
        missingNow.add(url + " " + id);
        String source = holder(lacking, id, url);
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

  /** A node other than {@code except} that has {@code blob}; null when none has. */
  private static String holder(Map<String, Set<String>> lacking, String blob, String except) {
    for (Map.Entry<String, Set<String>> node : lacking.entrySet()) {
      if (!node.getKey().equals(except) && !node.getValue().contains(blob)) {
        return node.getKey();
      }
    }
    return null;
  }

  /** Per node that answered, the blobs it cannot give: missing or corrupt. */
  private static Map<String, Set<String>> lacking(JsonNode nodes) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (JsonNode node : nodes) {
      if (node.has("error")) {
        continue;
      }
      Set<String> lacks = new HashSet<>();
      node.path("missing").forEach(m -> lacks.add(m.path("id").asString()));
      node.path("corrupt").forEach(c -> lacks.add(c.asString()));
      out.put(node.path("url").asString(), lacks);
    }
    return out;
  }

  private void send(String topic, BlobTask task) {
    kafka.send(topic, task.blob(), Json.mapper().writeValueAsString(task));
  }
}
