package io.mocks3.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.history.HistoryRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedHistoryTest {

  @Test
  void givenHundredThousandOpsOfRealRegisters_WhenChecked_ThenValidAndLinearizable() {
    List<Op> ops = HistoryReader.fold(new RandomRegisterHistory(17, 100).generate(8, 100_000));

    long started = System.nanoTime();
    CheckReport report = HistoryChecker.check(ops);
    long tookMillis = (System.nanoTime() - started) / 1_000_000;

    System.out.printf("checked %d operations on %d keys in %d ms%n", report.operations(), report.keys(),
        tookMillis);
    assertThat(report.operations()).isEqualTo(100_000);
    assertThat(report.keys()).isEqualTo(1_000);
    assertThat(report.processes()).isEqualTo(8);
    assertThat(report.anomalies()).isEmpty();
    assertThat(report.strongestModel()).isEqualTo(Models.LINEARIZABLE);
    assertThat(report.listOutcomes()).isNotEmpty();
  }

  @Test
  void givenGeneratedHistoryWithOneReadFalsified_WhenChecked_ThenThatKeyIsNotLinearizable() {
    List<HistoryRecord> events = new RandomRegisterHistory(5, 1).generate(4, 400);
    int victim = lastOkGetOfAPresentValue(events);
    HistoryRecord read = events.get(victim);
    events.set(victim, new HistoryRecord(read.index(), read.time(), read.process(), read.type(), read.f(), null,
        read.key(), new HistoryRecord.Value(null, null, "sha-never-written"), null, null, 200, null, null, null, null));

    CheckReport report = HistoryChecker.check(HistoryReader.fold(events));

    assertThat(report.perKey().get(read.key()).model()).isNotEqualTo(Models.LINEARIZABLE);
    assertThat(report.anomalyCounts()).containsKey(AnomalyTypes.UNKNOWN_VALUE);
  }

  private static int lastOkGetOfAPresentValue(List<HistoryRecord> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      HistoryRecord e = events.get(i);
      if ("ok".equals(e.type()) && "get".equals(e.f()) && e.value() != null) {
        return i;
      }
    }
    throw new AssertionError("the generated history has no successful read");
  }
}
