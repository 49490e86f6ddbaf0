package io.mocks3.faults.runs;

import io.mocks3.faults.events.FaultEventLog;
import io.mocks3.faults.runs.RunEvidence.Applied;
import io.mocks3.faults.runs.RunEvidence.FinalObject;
import io.mocks3.kafkaconfig.LogReader;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.fault.FaultSubject;
import io.mocks3.schemas.history.HistoryRecord;
import io.mocks3.schemas.run.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gathers a run's evidence from the log (history, events, fault events) and the gateway (the final
 * state of every key the run wrote), and judges it. An ended run's report is computed once.
 */
public final class RunReports {
  private final String bootstrapServers;
  private final String gatewayUrl;
  private final FaultEventLog faultEvents;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, RunReport> ended = new ConcurrentHashMap<>();

  public RunReports(String bootstrapServers, String gatewayUrl, FaultEventLog faultEvents) {
    this.bootstrapServers = bootstrapServers;
    this.faultEvents = faultEvents;
    this.gatewayUrl = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
  }

  public RunReport report(Run run) {
    if (run.state() != Run.State.ENDED) {
      return RunOracle.judge(evidence(run, false));
    }
    return ended.computeIfAbsent(run.id(), id -> RunOracle.judge(evidence(run, true)));
  }

  /** The S3 history the gateways recorded during {@code run}, as history.jsonl lines (the checker's format). */
  public void writeHistory(Run run, Writer out) {
    for (HistoryRecord h : history(run)) {
      try {
        out.write(Json.mapper().writeValueAsString(h));
        out.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private RunEvidence evidence(Run run, boolean withFinalState) {
    Instant start = run.startedAt();
    Instant end = run.endedAt() == null ? Instant.now() : run.endedAt();
    List<HistoryRecord> history = history(run);
    // Only the events of the run's own commands: the log holds every other client's too.
    Set<String> commands = new HashSet<>();
    history.forEach(h -> {
      if (h.commandId() != null) {
        commands.add(h.commandId());
      }
    });
    List<Applied> applied = new ArrayList<>();
    LogReader.read(bootstrapServers, Topics.EVENTS, JsonSerde.of(Event.class), start.minusSeconds(1), record -> {
      if (record.value() != null && commands.contains(record.value().commandId())) {
        applied.add(applied(record.value()));
      }
    });
    List<FaultEvent> faults = faultEvents.read(start, end, f -> true);
    Map<String, FinalObject> finalState = withFinalState ? finalState(history) : Map.of();
    return new RunEvidence(run, history, applied, faults, finalState);
  }

  private List<HistoryRecord> history(Run run) {
    long from = nanos(run.startedAt());
    long to = run.stoppedAt() == null ? Long.MAX_VALUE : nanos(run.stoppedAt());
    List<HistoryRecord> lines = new ArrayList<>();
    Map<String, Boolean> inRun = new LinkedHashMap<>();
    LogReader.read(bootstrapServers, Topics.HISTORY, JsonSerde.of(HistoryRecord.class), run.startedAt(), record -> {
      HistoryRecord h = record.value();
      if (h == null || HistoryRecord.OPEN.equals(h.f())) {
        return;
      }
      // An operation belongs to the run when it was invoked while the run was open; its completion follows it.
      String op = h.process() + " " + h.requestId();
      if (HistoryRecord.INVOKE.equals(h.type())) {
        inRun.put(op, h.time() >= from && h.time() <= to);
      }
      if (Boolean.TRUE.equals(inRun.get(op))) {
        lines.add(h);
      }
    });
    return lines;
  }

  private static Applied applied(Event event) {
    FaultSubject object = FaultSubject.of(event, null);
    return new Applied(event.commandId(), event.getClass().getSimpleName(), event.bucket().value(), object.key(),
        object.versionId(), event.sequence(), event.at());
  }

  /** A strong HEAD of every key the run wrote, through the gateway as a client would read it. */
  private Map<String, FinalObject> finalState(List<HistoryRecord> history) {
    Map<String, FinalObject> state = new LinkedHashMap<>();
    for (HistoryRecord h : history) {
      if (h.bucket() == null || h.key() == null || !("put".equals(h.f()) || "delete".equals(h.f()))) {
        continue;
      }
      String id = RunEvidence.objectId(h.bucket(), h.key());
      if (!state.containsKey(id)) {
        state.put(id, head(h.bucket(), h.key()));
      }
    }
    return state;
  }

  private FinalObject head(String bucket, String key) {
    String path = "/" + encode(bucket) + "/" + encode(key).replace("%2F", "/");
    HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + path)).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .header("x-mocks3-consistency", "strong").timeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 404) {
        return new FinalObject(bucket, key, false, null, null);
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException("HEAD " + path + " answered " + response.statusCode());
      }
      return new FinalObject(bucket, key, true, response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("x-amz-version-id").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException("the gateway (" + gatewayUrl + ") could not be asked for the final state", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
