package io.mocks3.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.gateway.core.ReadConditions.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadConditionsTest {
  private static final String ETAG = "5d41402abc4b2a76b9719d911017c592";
  private static final Instant MODIFIED = Instant.parse("2026-11-22T12:00:00.250Z");
  private static final String BEFORE = "Sun, 22 Nov 2026 11:00:00 GMT";
  private static final String SAME_SECOND = "Sun, 22 Nov 2026 12:00:00 GMT";
  private static final String AFTER = "Sun, 22 Nov 2026 13:00:00 GMT";

  private static Outcome eval(String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince) {
    return new ReadConditions(ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince).evaluate(ETAG, MODIFIED);
  }

  @Test
  void ifMatchNeedsTheETagInAnyOfItsForms() {
    assertThat(eval("\"" + ETAG + "\"", null, null, null)).isEqualTo(Outcome.PROCEED);
    assertThat(eval("\"other\", \"" + ETAG + "\"", null, null, null)).isEqualTo(Outcome.PROCEED);
    assertThat(eval("*", null, null, null)).isEqualTo(Outcome.PROCEED);
    assertThat(eval("\"other\"", null, null, null)).isEqualTo(Outcome.PRECONDITION_FAILED);
  }

  @Test
  void ifNoneMatchOnTheCurrentETagIsNotModified() {
    assertThat(eval(null, "\"" + ETAG + "\"", null, null)).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(eval(null, "\"other\"", null, null)).isEqualTo(Outcome.PROCEED);
  }

  @Test
  void datesCompareAtSecondPrecision() {
    assertThat(eval(null, null, SAME_SECOND, null)).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(eval(null, null, BEFORE, null)).isEqualTo(Outcome.PROCEED);
    assertThat(eval(null, null, null, SAME_SECOND)).isEqualTo(Outcome.PROCEED);
    assertThat(eval(null, null, null, BEFORE)).isEqualTo(Outcome.PRECONDITION_FAILED);
    assertThat(eval(null, null, "not a date", "not a date either")).isEqualTo(Outcome.PROCEED);
  }

  @Test
  void aHoldingIfMatchOverridesAFailingIfUnmodifiedSince_AndIfNoneMatchOverridesIfModifiedSince() {
    // RFC 9110 13.2.2, as S3 documents for GetObject
    assertThat(eval("\"" + ETAG + "\"", null, null, BEFORE)).isEqualTo(Outcome.PROCEED);
    assertThat(eval(null, "\"other\"", AFTER, null)).isEqualTo(Outcome.PROCEED);
  }
}
