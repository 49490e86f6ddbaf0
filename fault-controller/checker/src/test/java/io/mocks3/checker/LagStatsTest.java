package io.mocks3.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LagStatsTest {
  @Test
  void everyLagFallsInTheBinOfItsBounds() {
    assertThat(LagStats.histogram(List.of(0L, 9L, 10L, 49L, 999L, 1_000L, 4_999L, 5_000L, 60_000L)))
        .containsExactly(
            java.util.Map.entry("<10ms", 2), java.util.Map.entry("10ms-50ms", 2), java.util.Map.entry("50ms-100ms", 0),
            java.util.Map.entry("100ms-250ms", 0), java.util.Map.entry("250ms-500ms", 0), java.util.Map.entry("500ms-1s", 1),
            java.util.Map.entry("1s-2s", 1), java.util.Map.entry("2s-5s", 1), java.util.Map.entry(">=5s", 2));
  }
}
