package io.mocks3.checker;

import static io.mocks3.checker.History.invokeIndexes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListAnalysisTest {

  @Test
  void givenListingWithoutAnAcknowledgedKey_WhenChecked_ThenListMissingWithPutAndList() {
    CheckReport report = new History()
        .put("p1", "d/k1", "A", 1, 2)
        .put("p1", "d/k2", "B", 3, 4)
        .list("p2", "d/", 5, 6, "d/k1")
        .check();

    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyTypes.LIST_MISSING);
      assertThat(a.key()).isEqualTo("d/k2");
      assertThat(invokeIndexes(a)).containsExactly(3L, 5L);
    });
    assertThat(report.listOutcomes()).isEqualTo(Map.of("d/k1", "stable", "d/k2", "lost"));
  }

  @Test
  void givenListingReturningAKeyTwice_WhenChecked_ThenListDuplicate() {
    CheckReport report = new History()
        .put("p1", "d/k1", "A", 1, 2)
        .list("p2", "d/", 3, 4, "d/k1", "d/k1")
        .check();

    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyTypes.LIST_DUPLICATE);
      assertThat(invokeIndexes(a)).containsExactly(3L);
    });
  }

  @Test
  void givenListingAfterCompletedDelete_WhenItStillListsTheKey_ThenListDeleted() {
    CheckReport report = new History()
        .put("p1", "d/k1", "A", 1, 2)
        .delete("p1", "d/k1", 3, 4)
        .list("p2", "d/", 5, 6, "d/k1")
        .check();

    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyTypes.LIST_DELETED);
      assertThat(invokeIndexes(a)).containsExactly(3L, 5L);
    });
  }

  @Test
  void givenListedKey_WhenALaterGetFindsItAbsent_ThenListUnreadable() {
    CheckReport report = new History()
        .list("p2", "d/", 1, 2, "d/k1")
        .get("p2", "d/k1", null, 3, 4)
        .check();

    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyTypes.LIST_UNREADABLE);
      assertThat(invokeIndexes(a)).containsExactly(1L, 3L);
    });
  }

  @Test
  void givenKeyMissingFromFirstListingOnly_WhenChecked_ThenStaleWithItsLag() {
    CheckReport report = new History()
        .put("p1", "d/k1", "A", 1_000_000, 2_000_000)
        .list("p2", "d/", 3_000_000, 4_000_000)
        .list("p2", "d/", 9_000_000, 10_000_000, "d/k1")
        .list("p3", "e/", 11_000_000, 12_000_000)
        .check();

    assertThat(report.listOutcomes()).isEqualTo(Map.of("d/k1", "stale"));
    assertThat(report.readAfterWriteLag()).isEqualTo(Map.of("d/", new LagStats(1, 7, 7, 7, LagStats.histogram(List.of(7L)))));
    assertThat(report.readAfterWriteLag().get("d/").histogram()).containsEntry("<10ms", 1).hasSize(9)
        .containsEntry(">=5s", 0);
    assertThat(report.anomalyCounts()).isEqualTo(Map.of(AnomalyTypes.LIST_MISSING, 1));
  }

  @Test
  void givenConcurrentPutAndDelete_WhenListingsDisagree_ThenNoAnomaly() {
    CheckReport report = new History()
        .put("p1", "d/k1", "A", 1, 2)
        .delete("p1", "d/k1", 3, 10)
        .list("p2", "d/", 4, 5, "d/k1")
        .list("p2", "d/", 6, 7)
        .check();

    assertThat(report.anomalies()).isEmpty();
  }
}
