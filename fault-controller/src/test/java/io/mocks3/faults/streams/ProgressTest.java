package io.mocks3.faults.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

/** What a DLQ partition has handled, one by one or all at once, as the committed offset of the re-drive group keeps it. */
class ProgressTest {
  @Test
  void aRecordRedrivenOutOfOrderNoLongerWaitsAndSurvivesACommit() {
    Progress start = Progress.of(null, 10);
    Progress oneDone = start.handled(13);
    assertThat(oneDone.waiting(12)).isTrue();
    assertThat(oneDone.waiting(13)).isFalse();

    Progress reread = Progress.of(oneDone.committed(), 0);
    assertThat(reread.committed()).isEqualTo(new OffsetAndMetadata(10, "done=13"));
    assertThat(reread.waiting(13)).isFalse();
    assertThat(reread.waiting(10)).isTrue();
  }

  @Test
  void handlingTheFirstWaitingRecordMovesTheOffsetPastEveryDoneOne() {
    Progress p = Progress.of(new OffsetAndMetadata(10, "done=11,12,15"), 0).handled(10);
    assertThat(p.committed()).isEqualTo(new OffsetAndMetadata(13, "done=15"));
    assertThat(p.reached(20).committed()).isEqualTo(new OffsetAndMetadata(20, ""));
  }

  @Test
  void nothingCommittedMeansEverythingFromTheBeginningWaits() {
    Progress p = Progress.of(null, 5);
    assertThat(p.waiting(4)).isFalse();
    assertThat(p.waiting(5)).isTrue();
  }
}
