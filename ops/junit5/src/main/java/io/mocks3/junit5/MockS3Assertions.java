package io.mocks3.junit5;

import io.mocks3.client.RunReport;

/**
 * AssertJ entry point for MockS3's run reports:
 * {@code MockS3Assertions.assertThat(run.stop().report()).hasNoLostAcknowledgedWrites().hasVerdict(Verdict.PASS)}.
 */
public final class MockS3Assertions {
  private MockS3Assertions() {}

  public static RunReportAssert assertThat(RunReport report) {
    return new RunReportAssert(report);
  }
}
