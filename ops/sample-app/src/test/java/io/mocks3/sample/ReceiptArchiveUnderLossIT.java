package io.mocks3.sample;

import static io.mocks3.junit5.MockS3Assertions.assertThat;

import io.mocks3.client.MockS3Control;
import io.mocks3.client.Run;
import io.mocks3.junit5.MockS3Test;
import io.mocks3.junit5.Verdict;
import io.mocks3.sample.ReceiptArchive.Retries;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Pattern 2: the code must survive chaos. 5 % of the commands MockS3 logs for the bucket are lost
 * (seeded: the same commands every time). A strong store whose command is lost is never acknowledged,
 * so the archive's retry stores it again: the run's report finds no acknowledged write lost, though the
 * chaos lost commands. The README's example is this class (ReadmeExampleTest keeps them the same).
 */
// README example start
@MockS3Test
class ReceiptArchiveUnderLossIT {
  @Test
  void survivesFivePercentCommandLoss(S3Client s3, MockS3Control mocks3, Run run) {
    ReceiptArchive archive = new ReceiptArchive(s3, "receipts-loss", Retries.of(5, Duration.ofSeconds(3)), false);
    archive.create();
    mocks3.chaos("mocks3.commands").loss(0.05).keyFilter("receipts-loss").seed(7).apply();
    for (int i = 0; i < 40; i++) {
      archive.store("r-" + i, "receipt " + i);
    }
    assertThat(run.stop().report()).hasInjected("lose").hasNoLostAcknowledgedWrites().hasVerdict(Verdict.PASS);
  }
}
// README example end
