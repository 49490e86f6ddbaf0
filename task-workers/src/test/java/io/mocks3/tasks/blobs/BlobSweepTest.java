package io.mocks3.tasks.blobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mocks3.schemas.Topics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import io.mocks3.schemas.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The sweep's GC decision against a projector (a JDK HTTP server answering its consistency report)
 * while time passes: the report of a large store takes long, and a blob stored while it was computed
 * belongs to a command the sweep's "log end" does not cover. Such a blob must not be collected.
 */
class BlobSweepTest {
  private static final Duration GRACE = Duration.ofMinutes(10);
  private static final Instant SWEEP_STARTS = Instant.parse("2026-12-04T10:00:00Z");
  private HttpServer projector;
  private ProjectorProgress progress;
  private final java.util.concurrent.atomic.AtomicInteger reports = new java.util.concurrent.atomic.AtomicInteger();

  @AfterEach
  void stop() {
    if (projector != null) {
      projector.stop(0);
    }
    if (progress != null) {
      progress.close();
    }
  }

  @Test
  void anOrphanStoredAfterTheLogsEndWasReadIsNotCollected_EvenWhenTheReportTookLongerThanTheGrace() throws Exception {
    // Old enough at the sweep's start: collected. Stored a second after the sweep read the log's end
    // (its command may be after that end), and the report came back an hour later: kept.
    String report = """
        {"storageNodes": [{"node": "node-1", "url": "http://node-1", "missingCount": 0, "missing": [],
          "orphans": [
            {"id": "old", "modified": "%s"},
            {"id": "during-the-report", "modified": "%s"}]}]}
        """.formatted(SWEEP_STARTS.minus(GRACE).minusSeconds(1), SWEEP_STARTS.plusSeconds(1));
    MovingClock clock = new MovingClock();
    MockProducer<String, String> producer = lastingProducer();
    BlobSweep sweep = sweepAgainst(report, clock, Duration.ofHours(1), producer); // the report takes an hour

    Map<String, Integer> queued = sweep.sweep();

    assertThat(queued).containsEntry("gc", 1);
    assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(Topics.TASKS_GC);
    assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("http://node-1");
    BlobTask task = Json.mapper().readValue(producer.history().get(0).value(), BlobTask.class);
    assertThat(task.collected()).containsExactly("old");
    assertThat(task.commandsEnd()).containsEntry(0, 42L);
  }

  /** A node's orphans go in tasks of at most 500, keyed by the node; each blob is in exactly one. */
  @Test
  void aNodesOrphansAreCollectedInBatches_EachBlobInOneTaskForItsNode() throws Exception {
    StringBuilder orphans = new StringBuilder();
    String old = SWEEP_STARTS.minus(GRACE).minusSeconds(1).toString();
    for (int i = 0; i < 1201; i++) {
      orphans.append(i == 0 ? "" : ",").append("{\"id\": \"blob-").append(i).append("\", \"modified\": \"").append(old).append("\"}");
    }
    String report = """
        {"storageNodes": [
          {"node": "node-1", "url": "http://node-1", "missingCount": 0, "missing": [], "orphans": [%s]},
          {"node": "node-2", "url": "http://node-2", "missingCount": 0, "missing": [],
            "orphans": [{"id": "blob-7", "modified": "%s"}]}]}
        """.formatted(orphans, old);
    MockProducer<String, String> producer = lastingProducer();

    Map<String, Integer> queued = sweepAgainst(report, new MovingClock(), Duration.ZERO, producer).sweep();

    assertThat(queued).as("blobs, not tasks").containsEntry("gc", 1202);
    assertThat(producer.history()).extracting(ProducerRecord::key)
        .containsExactly("http://node-1", "http://node-1", "http://node-1", "http://node-2");
    List<BlobTask> tasks = new ArrayList<>();
    for (ProducerRecord<String, String> record : producer.history()) {
      tasks.add(Json.mapper().readValue(record.value(), BlobTask.class));
    }
    assertThat(tasks).extracting(t -> t.collected().size()).containsExactly(500, 500, 201, 1);
    assertThat(tasks.subList(0, 3)).flatExtracting(BlobTask::collected).doesNotHaveDuplicates().hasSize(1201)
        .contains("blob-0", "blob-1200");
    assertThat(tasks.get(3).collected()).containsExactly("blob-7");
    assertThat(tasks).allSatisfy(t -> assertThat(t.commandsEnd()).containsEntry(0, 42L));
  }

  /**
   * A report over a large store takes long; the scheduled sweep then waits nineteen times as long
   * as it took (the report's share of the machine under 5%), not the 5-minute interval. A sweep
   * asked for runs at once.
   */
  @Test
  void aScheduledSweepWaitsNineteenTimesAsLongAsItsLastReportTook() throws Exception {
    MovingClock clock = new MovingClock();
    BlobSweep sweep = sweepAgainst("{\"storageNodes\": []}", clock, Duration.ofMinutes(1), lastingProducer());
    sweep.scheduled();
    assertThat(reports).hasValue(1);
    clock.now = clock.now.plus(Duration.ofMinutes(5));
    sweep.scheduled();
    assertThat(reports).as("5 minutes after a 1-minute report").hasValue(1);
    clock.now = clock.now.plus(Duration.ofMinutes(14));
    sweep.scheduled();
    assertThat(reports).as("19 minutes after it").hasValue(2);
    sweep.sweep();
    assertThat(reports).as("asked for").hasValue(3);
  }

  /** A sweep against a projector whose consistency report is {@code report} and moves {@code clock} by {@code takes}. */
  private BlobSweep sweepAgainst(String report, MovingClock clock, Duration takes, MockProducer<String, String> producer)
      throws java.io.IOException {
    projector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    projector.createContext("/admin/consistency", exchange -> {
      reports.incrementAndGet();
      clock.now = clock.now.plus(takes);
      byte[] body = report.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    projector.start();
    URI url = URI.create("http://127.0.0.1:" + projector.getAddress().getPort());
    BlobTaskProperties props = new BlobTaskProperties(Duration.ofMinutes(5), GRACE, url, "mocks3-metadata-projector");
    // Where the log ends, as the broker would say: no broker needed for the decision under test.
    progress = new ProjectorProgress(null, props.projectorGroup()) {
      @Override
      Map<Integer, Long> commandsEnd() {
        return Map.of(0, 42L);
      }

      @Override
      public void close() {}
    };
    KafkaTemplate<String, String> kafka = new KafkaTemplate<>(() -> producer);

    return new BlobSweep(props, kafka, progress, clock);
  }

  /** The template closes the producer it was given after each send; this one lives for the whole test. */
  private static MockProducer<String, String> lastingProducer() {
    return new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()) {
      @Override
      public void close() {}

      @Override
      public void close(Duration timeout) {}
    };
  }

  /** Time as the test moves it: from the sweep's start, on by as long as each report takes. */
  private static final class MovingClock extends Clock {
    volatile Instant now = SWEEP_STARTS;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
