package io.mocks3.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobStored;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The storage quorum of a strong write: distinct nodes, and only the nodes its blob is placed on. */
class OutcomeTrackerQuorumTest {
  // Never started: no broker is contacted, acknowledgements are handed in directly.
  private final OutcomeTracker tracker = new OutcomeTracker("127.0.0.1:1", "quorum-test");
  private final BlobId blob = BlobId.random();

  @AfterEach
  void close() {
    tracker.close();
  }

  @Test
  void onlyTheHoldersAcknowledgementsCount_EachOnce() {
    CompletableFuture<Void> stored = tracker.awaitStored(blob, 2, Set.of("node-2", "node-4"));
    tracker.dispatch(ack("node-1"));
    tracker.dispatch(ack("node-2"));
    tracker.dispatch(ack("node-2"));
    tracker.dispatch(ack("node-3"));
    assertThat(stored).isNotDone();
    tracker.dispatch(ack("node-4"));
    assertThat(stored).isCompleted();
  }

  @Test
  void withoutPlacementAnyTwoNodesMakeAQuorumOfTwo() {
    CompletableFuture<Void> stored = tracker.awaitStored(blob, 2, null);
    tracker.dispatch(ack("node-1"));
    assertThat(stored).isNotDone();
    tracker.dispatch(ack("node-3"));
    assertThat(stored).isCompleted();
  }

  private BlobStored ack(String node) {
    return new BlobStored(blob, node, 1, Instant.EPOCH);
  }
}
