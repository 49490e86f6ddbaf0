package io.mocks3.sample;

import static io.mocks3.junit5.MockS3Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.client.MockS3Control;
import io.mocks3.client.Run;
import io.mocks3.client.RunReport;
import io.mocks3.junit5.MockS3Test;
import io.mocks3.junit5.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Pattern 3: assert a run's report. Without retries, and with writes acknowledged as soon as MockS3
 * logged them (eventual consistency), 30 % command loss loses acknowledged receipts: the report names
 * each one by key and command, and its verdict fails.
 */
@MockS3Test
class LostReceiptsReportIT {
  private static final int RECEIPTS = 20;

  @Test
  void theReportNamesEveryAcknowledgedReceiptTheChaosLost(S3Client s3, MockS3Control mocks3, Run run) {
    ReceiptArchive archive = new ReceiptArchive(s3, "receipts-lost", ReceiptArchive.Retries.none(), true);
    archive.create();
    mocks3.chaos("mocks3.commands").loss(0.3).keyFilter("receipts-lost").seed(11).apply();

    for (int i = 0; i < RECEIPTS; i++) {
      assertThat(archive.store("r-" + i, "receipt " + i)).as("acknowledged at once").isEqualTo(1);
    }
    RunReport report = run.stop().report();

    List<String> missing = new ArrayList<>();
    for (int i = 0; i < RECEIPTS; i++) {
      if (archive.fetch("r-" + i).isEmpty()) {
        missing.add(ReceiptArchive.key("r-" + i));
      }
    }
    assertThat(missing).as("receipts the archive acknowledged but does not have").isNotEmpty();
    missing.forEach(key -> assertThat(report).hasLost(key));
    assertThat(report).hasLostWrites(missing.size()).hasVerdict(Verdict.FAIL);
    assertThat(report.lostWrites()).allSatisfy(w -> assertThat(w.commandId()).isNotBlank());
  }
}
