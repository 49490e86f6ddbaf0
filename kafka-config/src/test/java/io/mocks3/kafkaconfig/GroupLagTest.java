package io.mocks3.kafkaconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupLagTest {
  private static final TopicPartition P0 = new TopicPartition("mocks3.commands", 0);
  private static final TopicPartition P1 = new TopicPartition("mocks3.commands", 1);
  private static final TopicPartition P2 = new TopicPartition("mocks3.commands", 2);

  /** The backlog the broker's answers make: ends, commits, and the starts of the partitions never committed. */
  private static GroupLag.Backlog backlog(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> starts) {
    return new GroupLag.Backlog(ends, GroupLag.positions(ends.keySet(), committed, starts));
  }

  @Test
  void aCommittedPartitionLagsByItsEndLessItsCommit() {
    GroupLag.Backlog backlog = backlog(Map.of(P0, 120L, P1, 40L), Map.of(P0, 100L, P1, 40L), Map.of());
    assertThat(backlog.lag(P0)).isEqualTo(20);
    assertThat(backlog.lag(P1)).isZero();
    assertThat(backlog.lag()).isEqualTo(20);
    assertThat(backlog.end()).isEqualTo(160);
    assertThat(backlog.consumed()).isEqualTo(140);
  }

  @Test
  void aPartitionNeverCommittedCountsFromTheStartOfItsLog() {
    // P1 never committed, its log starting at 0: all of it is to read. P2's log starts at 30 (older
    // records deleted): 30 to 50 is to read, not 50.
    GroupLag.Backlog backlog = backlog(Map.of(P0, 10L, P1, 7L, P2, 50L), Map.of(P0, 10L), Map.of(P1, 0L, P2, 30L));
    assertThat(backlog.lag(P1)).isEqualTo(7);
    assertThat(backlog.lag(P2)).isEqualTo(20);
    assertThat(backlog.lag()).isEqualTo(27);
    assertThat(backlog.consumed()).isEqualTo(40);
  }

  @Test
  void aCommitPastTheEndIsNoNegativeLag() {
    // The end read a moment before the commit: the group is caught up, not ahead.
    GroupLag.Backlog backlog = backlog(Map.of(P0, 10L), Map.of(P0, 12L), Map.of());
    assertThat(backlog.lag()).isZero();
  }

  @Test
  void commitsOnOtherTopicsDoNotCount() {
    TopicPartition other = new TopicPartition("mocks3.blobs", 0);
    GroupLag.Backlog backlog = backlog(Map.of(P0, 10L), Map.of(P0, 4L, other, 1_000L), Map.of());
    assertThat(backlog.lag()).isEqualTo(6);
    assertThat(backlog.consumed()).isEqualTo(4);
  }
}
