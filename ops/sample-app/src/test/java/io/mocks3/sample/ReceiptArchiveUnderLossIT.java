package io.mocks3.sample;

import static io.mocks3.junit5.MockS3Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.client.MockS3Control;
import io.mocks3.client.Run;
import io.mocks3.client.RunReport;
import io.mocks3.junit5.MockS3Test;
import io.mocks3.junit5.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Pattern 2: the code must survive chaos. 5 % of the commands MockS3 logs for the bucket are lost
 * (seeded: the same commands every time). A store whose command is lost is never acknowledged (a strong
 * write waits until it is applied), so the archive's retry stores it again; the run's report then finds
 * no acknowledged write lost, though the chaos did lose commands.
 */
@MockS3Test
class ReceiptArchiveUnderLossIT {
  private static final int RECEIPTS = 40;

  @Test
  void survivesFivePercentCommandLossByRetrying(S3Client s3, MockS3Control mocks3, Run run) {
    ReceiptArchive archive = new ReceiptArchive(s3, "receipts-loss", new ReceiptArchive.Retries(5, Duration.ofSeconds(3),
        Duration.ofMillis(100)), false);
    archive.create();
    mocks3.chaos("mocks3.commands").loss(0.05).keyFilter("receipts-loss").seed(7).apply();

    int attempts = 0;
    for (int i = 0; i < RECEIPTS; i++) {
      attempts += archive.store("r-" + i, "receipt " + i);
    }

    RunReport report = run.stop().report();
    assertThat(report).hasInjected("lose").hasNoLostAcknowledgedWrites().hasVerdict(Verdict.PASS);
    assertThat(attempts).as("a lost command costs the store one more attempt").isEqualTo(RECEIPTS
        + report.faultsByAction().get("lose"));
    for (int i = 0; i < RECEIPTS; i++) {
      assertThat(archive.fetch("r-" + i)).contains("receipt " + i);
    }
  }
}
