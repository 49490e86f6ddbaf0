package io.mocks3.schemas.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The one duration parser: Spring's simple style with a unit, fractions, ISO-8601; errors that say how to fix them. */
class DurationsTest {
  @ParameterizedTest
  @CsvSource({
      "30s, PT30S", "150ms, PT0.15S", "5m, PT5M", "1h, PT1H", "2d, PT48H", "500us, PT0.0005S", "10ns, PT0.00000001S",
      "1.5s, PT1.5S", "0.25m, PT15S", "' 2 s ', PT2S", "30S, PT30S", "0s, PT0S",
      "PT30S, PT30S", "pt2m, PT2M", "P1DT1H, PT25H", "PT0.5S, PT0.5S"})
  void acceptsTheSimpleStyleFractionsAndIso8601(String text, String expected) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"30 sec", "30", "s", "-5s", "PT-5S", "1.5.s", "thirty seconds", "P", "5 mins"})
  void refusesWhatIsNotADurationAndQuotesIt(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a duration: \"" + text + "\" (use e.g. 30s, 150ms, PT30S)");
  }

  @Test
  void aMissingDurationSaysOneIsRequired() {
    assertThatThrownBy(() -> Durations.parse(" ")).hasMessageContaining("a duration is required");
    assertThatThrownBy(() -> Durations.parse(null)).hasMessageContaining("a duration is required");
  }

  @Test
  void aFractionFinerThanANanosecondIsRefused() {
    assertThatThrownBy(() -> Durations.parse("0.5ns")).hasMessageContaining("finer than a nanosecond");
  }

  @Test
  void jsonNumbersAreSecondsAndJsonTextIsParsed() {
    assertThat(Durations.fromJson(30)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.fromJson(1.5)).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.fromJson("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.fromJson(null)).isNull();
    assertThatThrownBy(() -> Durations.fromJson(-1)).hasMessageContaining("not a duration: \"-1\"");
    assertThatThrownBy(() -> Durations.fromJson("30 sec")).hasMessageContaining("not a duration: \"30 sec\"");
  }
}
