package io.mocks3.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.schemas.s3.S3ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {
  private static final long SIZE = 100;

  @Test
  void readsTheThreeFormsOfASingleRange() {
    assertThat(ByteRange.parse("bytes=10-19", SIZE)).contains(new ByteRange(10, 19));
    assertThat(ByteRange.parse("bytes=90-", SIZE)).contains(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=-5", SIZE)).contains(new ByteRange(95, 99));
    assertThat(ByteRange.parse(" bytes=0-0 ", SIZE)).contains(new ByteRange(0, 0));
  }

  @Test
  void clampsToTheObject() {
    assertThat(ByteRange.parse("bytes=50-1000", SIZE)).contains(new ByteRange(50, 99));
    assertThat(ByteRange.parse("bytes=-1000", SIZE)).contains(new ByteRange(0, 99));
    assertThat(new ByteRange(50, 99).length()).isEqualTo(50);
    assertThat(new ByteRange(50, 99).contentRange(SIZE)).isEqualTo("bytes 50-99/100");
  }

  /** As S3 does: what is not exactly one valid bytes range is ignored, and the whole object is served. */
  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "bytes=", "bytes=-", "items=0-5", "bytes=0-5,10-15", "bytes=20-10", "bytes=a-b", "bytes=5",
      "bytes=99999999999999999999-"})
  void ignoresWhatIsNotOneValidRange(String header) {
    assertThat(ByteRange.parse(header, SIZE)).isEmpty();
    assertThat(ByteRange.parse(null, SIZE)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=-0"})
  void aRangeThatSelectsNothingIsInvalidRangeNamingTheSize(String header) {
    assertThatThrownBy(() -> ByteRange.parse(header, SIZE))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_RANGE))
        .hasMessageContaining("object size 100");
  }

  @Test
  void anEmptyObjectHasNoSatisfiableRange() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=-5", 0)).isInstanceOf(S3Exception.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(S3Exception.class);
  }

  @Test
  void aCopySourceRangeNamesBothEndsInsideTheSource() {
    assertThat(ByteRange.parseCopySource("bytes=0-99", SIZE)).isEqualTo(new ByteRange(0, 99));
    assertThat(ByteRange.parseCopySource("bytes=10-10", SIZE)).isEqualTo(new ByteRange(10, 10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=5-", "bytes=-5", "5-10", "bytes=0-5,6-7", "bytes=a-b"})
  void aCopySourceRangeOfAnotherShapeIsInvalidArgument(String header) {
    assertThatThrownBy(() -> ByteRange.parseCopySource(header, SIZE))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=0-100", "bytes=20-10", "bytes=0-99999999999999999999"})
  void aCopySourceRangeOutsideTheSourceIsInvalidRange(String header) {
    assertThatThrownBy(() -> ByteRange.parseCopySource(header, SIZE))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_RANGE));
  }
}
