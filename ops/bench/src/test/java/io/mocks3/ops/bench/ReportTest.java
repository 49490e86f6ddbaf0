package io.mocks3.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final Report report = new Report();

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aTargetNamedForOneModeButServedInTheOtherIsWarnedAbout() {
    report.addConsistency(Target.parse("eventual=http://localhost:8080"), "strong", out);
    assertThat(printed()).contains("target eventual: http://localhost:8080, served in strong consistency",
        "WARNING: target eventual is named eventual but served in strong consistency: add ,x-mocks3-consistency:eventual to it");
  }

  @Test
  void aTargetServedAsItsNameSaysOrAStoreThatDoesNotSayIsNot() {
    report.addConsistency(Target.parse("strong=http://localhost:8080,x-mocks3-consistency:strong"), "strong", out);
    report.addConsistency(Target.parse("s3mock-eventual=http://localhost:9390"), Report.NOT_MOCKS3, out);
    assertThat(printed()).doesNotContain("WARNING")
        .contains("target s3mock-eventual: http://localhost:9390, no x-mocks3-consistency in its answers (not a MockS3 gateway)");
    assertThat(report.consistency).containsExactly(java.util.Map.entry("strong", "strong"),
        java.util.Map.entry("s3mock-eventual", Report.NOT_MOCKS3));
  }

  @Test
  void aTargetThatAnsweredNothingHasNoRatio_NeitherAsBaselineNorAgainstIt() {
    Workload put = Workload.parse("put:4KiB:16");
    Tally served = new Tally();
    served.seconds = 5;
    served.of(put.operation()).success(2_000_000, 4096);
    Tally refused = new Tally();
    refused.seconds = 5;
    refused.of(put.operation()).failure("ConnectException", "Connection refused");

    report.add(put, java.util.List.of("strong", "s3mock"), java.util.List.of(served, refused), "s3mock", out);
    report.add(put, java.util.List.of("strong", "s3mock"), java.util.List.of(refused, served), "s3mock", out);

    assertThat(printed()).contains("ratio to s3mock (throughput, p50): none, s3mock answered no request",
        "ratio to s3mock (throughput, p50):  strong none (it answered no request)").doesNotContain("Infinity", "NaNx");
    assertThat(report.ratios).isEmpty();
    report.printTable(java.util.List.of("strong", "s3mock"), "s3mock", out);
    assertThat(printed()).doesNotContain("Infinity", "NaNx").contains(" — |");
  }
}
