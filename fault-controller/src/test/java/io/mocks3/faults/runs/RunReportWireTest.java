package io.mocks3.faults.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.checker.Anomaly;
import io.mocks3.checker.LagStats;
import io.mocks3.checker.Op;
import io.mocks3.checker.Value;
import io.mocks3.faults.JsonResponses;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.golden.GoldenFixtures;
import io.mocks3.schemas.run.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/runs/{id}/report} and the control plane's error shape, byte for byte what the Jackson 2 code
 * answered (fixtures; mocks3-client's RunReportWireTest parses the same report).
 */
class RunReportWireTest {
  private static final GoldenFixtures GOLDEN = new GoldenFixtures(Path.of("src/test/resources/golden"));
  private static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");

  static RunReport report() {
    Run run = new Run("run-1", "nightly", 9L, null,
        List.of(new ChaosTopic("mocks3.commands", 0.1, null, null, null, null, null, null, 7L, AT)), List.of(),
        Map.of("lost_acknowledged_writes", 0), "5s", List.of(), Run.State.ENDED, AT, AT, AT);
    FaultEvent lose = new FaultEvent(null, null, null, "metadata-projector", "stream", null, "mocks3.commands", "lose",
        "lost", null, AT, 1L);
    Op read = new Op(5, 6_000, 7_000, "p2", Op.Type.OK, Op.F.GET, "photos", "k", new Value("\"e\"", "v1", "aa"),
        null, null, 200, "req-5", null, 4);
    return new RunReport(run,
        new RunReport.Summary(10, 4, 1, 3, 2, 12_345),
        new RunReport.Faults(1, Map.of("lose", 1), Map.of("lose", 1), 0),
        new RunReport.Writes(Map.of("lost", 1), List.of(new RunReport.WriteFate("put", "photos", "k", "v2", "c-2", "req-2",
            1_000, List.of("lost"), 0, null, List.of(lose)))),
        new RunReport.Reads(Map.of("stale-read", 1), List.of(new Anomaly("stale-read", "photos/k", "read v1 after v2",
            List.of(read))), Map.of("linearizable", 1), Map.of("photos", new LagStats(1, 10, 20, 20, Map.of("<50", 1))),
            Map.of("complete", 2), 250),
        new RunReport.FinalState(1, List.of(new RunReport.Finding("photos", "k", "v2", null, "lost")), List.of(), List.of(),
            List.of()),
        new RunReport.Verdict(false, List.of(new RunReport.Check("lost_acknowledged_writes", 0, 1, false))),
        List.of(new RunReport.TimelineEntry(100, "fault", "lose mocks3.commands", null, null)));
  }

  @Test
  void theReportIsAnsweredAsBefore() {
    String body = JsonResponses.ok(report()).getBody();

    assertThat(body).isEqualTo(GOLDEN.fixture("run-report.json", body));
  }

  @Test
  void anErrorNamesItsFieldAsBefore() {
    String body = JsonResponses.error(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid chaos configuration",
        List.of("loss_rate must be in [0, 1]"), "loss_rate").getBody();

    assertThat(body).isEqualTo(GOLDEN.fixture("error.json", body));
  }
}
