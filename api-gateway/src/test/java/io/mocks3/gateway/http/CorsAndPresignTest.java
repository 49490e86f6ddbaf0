package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.CorsConfiguration;
import io.mocks3.gateway.http.xml.S3Xml;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsAndPresignTest {
  private static final String CORS = """
      <CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
        <CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod>
          <AllowedHeader>x-amz-*</AllowedHeader><AllowedHeader>Content-Type</AllowedHeader><MaxAgeSeconds>60</MaxAgeSeconds></CORSRule>
        <CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><ExposeHeader>ETag</ExposeHeader></CORSRule>
      </CORSConfiguration>""";

  private static CorsConfiguration cors() throws Exception {
    return S3Xml.read(CORS.getBytes(StandardCharsets.UTF_8), CorsConfiguration.class);
  }

  @Test
  void rulesParseAndMatchOriginMethodAndEveryRequestedHeader() throws Exception {
    CorsConfiguration cors = cors();
    assertThat(cors.rules()).hasSize(2);
    assertThat(CorsFilter.match(cors, "https://app.example.com", "PUT", List.of("X-Amz-Date", "content-type")))
        .hasValueSatisfying(r -> assertThat(r.maxAgeSeconds()).isEqualTo(60));
    assertThat(CorsFilter.match(cors, "https://app.example.com", "PUT", List.of("Authorization"))).isEmpty();
    assertThat(CorsFilter.match(cors, "http://app.example.com", "PUT", List.of())).isEmpty();
    assertThat(CorsFilter.match(cors, "https://anyone.org", "GET", List.of()))
        .hasValueSatisfying(r -> assertThat(r.exposeHeaders()).containsExactly("ETag"));
    assertThat(CorsFilter.match(cors, "https://anyone.org", "DELETE", List.of())).isEmpty();
  }

  @Test
  void storedCorsIsCanonicalXmlThatReadsBackTheSame() throws Exception {
    CorsConfiguration cors = cors();
    CorsConfiguration again = S3Xml.read(S3Xml.write(cors), CorsConfiguration.class);
    assertThat(again).isEqualTo(cors);
  }

  @Test
  void presignedUrlsExpireAsSigned() {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    S3Query valid = S3Query.parse("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261123T095900Z&X-Amz-Expires=120&X-Amz-Signature=ab");
    PresignedUrls.checkNotExpired(valid, now);
    S3Query expired = S3Query.parse("X-Amz-Date=20261123T095500Z&X-Amz-Expires=60&X-Amz-Signature=ab");
    assertThatThrownBy(() -> PresignedUrls.checkNotExpired(expired, now))
        .isInstanceOfSatisfying(S3Exception.class, e -> {
          assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED);
          assertThat(e.getMessage()).isEqualTo("Request has expired");
        });
    S3Query zero = S3Query.parse("X-Amz-Date=20261123T100000Z&X-Amz-Expires=0&X-Amz-Signature=ab");
    assertThatThrownBy(() -> PresignedUrls.checkNotExpired(zero, now)).as("signed this very second, valid for none")
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED));
    PresignedUrls.checkNotExpired(S3Query.parse("X-Amz-Date=20261123T100000Z&X-Amz-Expires=1&X-Amz-Signature=ab"), now);
    S3Query tooLong = S3Query.parse("X-Amz-Date=20261123T095500Z&X-Amz-Expires=604801&X-Amz-Signature=ab");
    assertThatThrownBy(() -> PresignedUrls.checkNotExpired(tooLong, now))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR));
    S3Query v2 = S3Query.parse("AWSAccessKeyId=test&Expires=" + (now.getEpochSecond() - 1) + "&Signature=x");
    assertThatThrownBy(() -> PresignedUrls.checkNotExpired(v2, now)).isInstanceOf(S3Exception.class);
  }
}
