package io.mocks3.checker;

import static io.mocks3.checker.History.invokeIndexes;
import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.history.HistoryRecord;
import org.junit.jupiter.api.Test;

class HistoryCheckerTest {

  @Test
  void givenConcurrentValidHistory_WhenChecked_ThenLinearizableWithoutAnomalies() {
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 4)
        .get("p2", "k", null, 2, 3)
        .get("p2", "k", "A", 5, 6)
        .put("p3", "k", "B", 7, 12)
        .get("p1", "k", "A", 8, 9)
        .get("p2", "k", "B", 10, 11)
        .check();

    assertThat(report.anomalies()).isEmpty();
    assertThat(report.valid()).isTrue();
    assertThat(report.perKey().get("k").model()).isEqualTo(Models.LINEARIZABLE);
    assertThat(report.operations()).isEqualTo(6);
    assertThat(report.processes()).isEqualTo(3);
  }

  @Test
  void givenLaterInvokedPutSeenFirst_WhenChecked_ThenLinearizableInThatOrder() {
    // B is invoked after A but a read sees B, then A: only the order B, A explains it.
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 20)
        .put("p2", "k", "B", 2, 20)
        .get("p3", "k", "B", 3, 4)
        .get("p3", "k", "A", 5, 6)
        .get("p4", "k", "A", 21, 22)
        .check();

    assertThat(report.perKey().get("k").model()).isEqualTo(Models.LINEARIZABLE);
    assertThat(report.valid()).isTrue();
  }

  @Test
  void givenReadOfOverwrittenValue_WhenChecked_ThenStaleReadWithNewerPutReadAndOldPut() {
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 2)
        .put("p1", "k", "B", 3, 4)
        .get("p2", "k", "A", 5, 6)
        .get("p3", "k", "B", 7, 8)
        .check();

    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyTypes.STALE_READ);
      assertThat(invokeIndexes(a)).containsExactly(1L, 3L, 5L);
    });
    assertThat(report.perKey().get("k").model()).isEqualTo(Models.SEQUENTIAL);
    assertThat(report.valid()).isFalse();
  }

  @Test
  void givenReadOfAbsentAfterAckedPut_WhenChecked_ThenStaleReadWithPutAndRead() {
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 2)
        .get("p2", "k", null, 3, 4)
        .get("p2", "k", "A", 5, 6)
        .check();

    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyTypes.STALE_READ);
      assertThat(invokeIndexes(a)).containsExactly(1L, 3L);
    });
  }

  @Test
  void givenAckedPutNeverReadAgain_WhenChecked_ThenLostWriteWithPutAndFinalRead() {
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 2)
        .get("p2", "k", "A", 3, 4)
        .put("p1", "k", "B", 5, 6)
        .get("p2", "k", "A", 7, 8)
        .get("p3", "k", "A", 9, 10)
        .check();

    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyTypes.LOST_WRITE);
      assertThat(invokeIndexes(a)).containsExactly(5L, 9L);
    });
    assertThat(report.perKey().get("k").model()).isEqualTo(Models.SEQUENTIAL);
  }

  @Test
  void givenReadAfterCompletedDelete_WhenItReturnsTheOldValue_ThenResurrectedDelete() {
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 2)
        .delete("p1", "k", 3, 4)
        .get("p2", "k", "A", 5, 6)
        .get("p3", "k", null, 7, 8)
        .check();

    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyTypes.RESURRECTED_DELETE);
      assertThat(invokeIndexes(a)).containsExactly(1L, 3L, 5L);
    });
  }

  @Test
  void givenProcessReadingOlderThanItsOwnWrite_WhenChecked_ThenReadYourWrites() {
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 2)
        .put("p2", "k", "B", 3, 4)
        .get("p2", "k", "A", 5, 6)
        .get("p3", "k", "B", 7, 8)
        .check();

    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyTypes.READ_YOUR_WRITES);
      assertThat(invokeIndexes(a)).containsExactly(1L, 3L, 5L);
    });
    assertThat(report.anomalyCounts()).containsExactly(java.util.Map.entry(AnomalyTypes.READ_YOUR_WRITES, 1));
  }

  @Test
  void givenProcessReadingNewerThenOlder_WhenChecked_ThenMonotonicReadWithBothPutsAndReads() {
    // B's put is still running, so the second read is not stale: only going back in time is wrong.
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 2)
        .put("p1", "k", "B", 3, 20)
        .get("p2", "k", "B", 4, 5)
        .get("p2", "k", "A", 6, 7)
        .get("p3", "k", "B", 21, 22)
        .check();

    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyTypes.MONOTONIC_READ);
      assertThat(invokeIndexes(a)).containsExactly(1L, 3L, 4L, 6L);
    });
    // No order of p1's puts lets p2 read B then A; the final read converged.
    assertThat(report.perKey().get("k").model()).isEqualTo(Models.EVENTUAL);
  }

  @Test
  void givenReadOfValueNoPutWrote_WhenAPutHadCompleted_ThenUnknownValue() {
    CheckReport report = new History()
        .get("p2", "k", "X", 1, 2)
        .put("p1", "k", "A", 3, 4)
        .get("p2", "k", "Y", 5, 6)
        .check();

    assertThat(report.anomalies()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo(AnomalyTypes.UNKNOWN_VALUE);
      assertThat(invokeIndexes(a)).containsExactly(3L, 5L);
    });
  }

  @Test
  void givenInfoPut_WhenLaterReadsSeeIt_ThenValid() {
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 2)
        .op("p1", "put", "k", "B", 3, 4, HistoryRecord.INFO)
        .get("p2", "k", "A", 5, 6)
        .get("p2", "k", "B", 7, 8)
        .check();

    assertThat(report.anomalies()).isEmpty();
    assertThat(report.perKey().get("k").model()).isEqualTo(Models.LINEARIZABLE);
  }

  @Test
  void givenInfoPut_WhenNoReadEverSeesIt_ThenValid() {
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 2)
        .op("p1", "put", "k", "B", 3, 4, HistoryRecord.INFO)
        .get("p2", "k", "A", 5, 6)
        .get("p3", "k", "A", 7, 8)
        .check();

    assertThat(report.anomalies()).isEmpty();
    assertThat(report.perKey().get("k").model()).isEqualTo(Models.LINEARIZABLE);
  }

  @Test
  void givenInfoPut_WhenAReadSawItAndALaterOneDidNot_ThenNotLinearizable() {
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 2)
        .op("p1", "put", "k", "B", 3, 4, HistoryRecord.INFO)
        .get("p2", "k", "B", 5, 6)
        .get("p2", "k", "A", 7, 8)
        .check();

    assertThat(report.perKey().get("k").model()).isNotEqualTo(Models.LINEARIZABLE);
  }

  @Test
  void givenFailedPut_WhenNothingSawIt_ThenItIsIgnored() {
    CheckReport report = new History()
        .put("p1", "k", "A", 1, 2)
        .op("p1", "put", "k", "B", 3, 4, HistoryRecord.FAIL)
        .get("p2", "k", "A", 5, 6)
        .check();

    assertThat(report.valid()).isTrue();
    assertThat(report.perKey().get("k").operations()).isEqualTo(2);
  }
}
