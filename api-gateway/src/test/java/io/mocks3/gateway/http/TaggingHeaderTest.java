package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.gateway.core.S3Exception;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class TaggingHeaderTest {
  private static MockHttpServletRequest tagged(String header) {
    MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/b/k");
    request.addHeader("x-amz-tagging", header);
    return request;
  }

  @Test
  void tagsAreFormDecoded() {
    assertThat(ObjectHeaders.taggingHeader(tagged("a=1&b%2Fc=x+y&empty"))).containsExactly(
        org.assertj.core.api.Assertions.entry("a", "1"), org.assertj.core.api.Assertions.entry("b/c", "x y"),
        org.assertj.core.api.Assertions.entry("empty", ""));
  }

  @Test
  void aBrokenPercentEscapeIsAnInvalidArgumentNotAServerError() {
    assertThatThrownBy(() -> ObjectHeaders.taggingHeader(tagged("a=%%%")))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.code()).isEqualTo(io.mocks3.schemas.s3.S3ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("x-amz-tagging");
        });
  }
}
