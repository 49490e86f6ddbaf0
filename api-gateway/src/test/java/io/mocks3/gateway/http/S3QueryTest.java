package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3QueryTest {
  @Test
  void flagsValuesAndEncodingsAreReadFromTheRawQuery() {
    S3Query q = S3Query.parse("uploads&prefix=a%2Fb+c&max-keys=5&prefix=ignored&=x");
    assertThat(q.has("uploads")).isTrue();
    assertThat(q.get("uploads")).isEmpty();
    assertThat(q.get("prefix")).isEqualTo("a/b c");
    assertThat(q.get("max-keys")).isEqualTo("5");
    assertThat(q.get("marker")).isNull();
  }

  @Test
  void noQueryMeansNoParameters() {
    assertThat(S3Query.parse(null).names()).isEmpty();
    assertThat(S3Query.parse("").names()).isEmpty();
  }
}
