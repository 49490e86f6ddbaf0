package io.mocks3.projector.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A rebuild asked of one instance reaches every partition, whoever holds it, and survives a handover. */
class RebuildEpochsTest {
  private static final TopicPartition P0 = new TopicPartition("mocks3.cdc", 0);
  private static final TopicPartition P1 = new TopicPartition("mocks3.cdc", 1);

  @Test
  void givenPartitionsCommittedWithoutAnEpoch_WhenNoRebuildWasEverAsked_ThenNoneIsReadAgain() {
    RebuildEpochs epochs = new RebuildEpochs();
    epochs.assigned(Map.of(P0, new OffsetAndMetadata(42)), List.of(P0, P1));
    assertThat(epochs.stale(RebuildEpochs.parse(null))).isEmpty();
  }

  @Test
  void givenARebuild_WhenTheEpochMoves_ThenEveryPartitionIsReadAgainOnceAndItsCommitsCarryTheEpoch() {
    RebuildEpochs epochs = new RebuildEpochs();
    epochs.assigned(Map.of(), List.of(P0, P1));
    assertThat(epochs.stale(1)).containsExactlyInAnyOrder(P0, P1);
    epochs.readFor(P0, 1);
    epochs.readFor(P1, 1);
    assertThat(epochs.stale(1)).isEmpty();
    OffsetAndMetadata commit = epochs.commit(P0, 7);
    assertThat(commit.offset()).isEqualTo(7);
    assertThat(RebuildEpochs.of(commit)).isEqualTo(1);
  }

  @Test
  void givenAWriterThatDiedMidRebuild_WhenAnotherTakesItsPartition_ThenItGoesOnFromTheCommitInsteadOfStartingAgain() {
    RebuildEpochs dead = new RebuildEpochs();
    dead.assigned(Map.of(), List.of(P0));
    dead.readFor(P0, 3);
    OffsetAndMetadata committed = dead.commit(P0, 100);
    RebuildEpochs heir = new RebuildEpochs();
    heir.assigned(Map.of(P0, committed), List.of(P0));
    assertThat(heir.stale(3)).isEmpty();
    RebuildEpochs behind = new RebuildEpochs();
    behind.assigned(Map.of(P0, new OffsetAndMetadata(100, "rebuild-epoch=2")), List.of(P0));
    assertThat(behind.stale(3)).containsExactly(P0);
  }

  @Test
  void givenARedisThatLostItsData_WhenTheEpochIsGone_ThenThePartitionsAreReadAgainToRefillIt() {
    RebuildEpochs epochs = new RebuildEpochs();
    epochs.assigned(Map.of(P0, new OffsetAndMetadata(5, "rebuild-epoch=4")), List.of(P0));
    assertThat(epochs.stale(RebuildEpochs.parse(null))).containsExactly(P0);
    epochs.revoked(List.of(P0));
    assertThat(epochs.stale(0)).isEmpty();
  }
}
