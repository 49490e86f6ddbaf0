package io.mocks3.faults.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.s3.S3Request;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpTargetsTest {
  private static final HttpTargets S3 = HttpTargets.s3("api-gateway", Set.of("localhost"));

  @Test
  void aLifecycleDeleteIsNotABucketDelete() {
    FaultTarget target = S3.of(request("DELETE", "127.0.0.1:8080", "/photos", "lifecycle", Map.of()));
    assertThat(target.operation()).isEqualTo("DeleteBucketLifecycle");
    assertThat(target.bucket()).isEqualTo("photos");
    assertThat(target.key()).isNull();
    assertThat(target.description()).isEqualTo("DELETE /photos");
  }

  @Test
  void virtualHostedRequestsNameTheirBucketAndKey() {
    FaultTarget target = S3.of(request("PUT", "photos.localhost:8080", "/2024/cat%20one.jpg", null,
        Map.of("x-amz-copy-source", "/other/cat.jpg")));
    assertThat(target.operation()).isEqualTo("CopyObject");
    assertThat(target.bucket()).isEqualTo("photos");
    assertThat(target.key()).isEqualTo("2024/cat one.jpg");
    assertThat(target.headers().apply("x-amz-copy-source")).isEqualTo("/other/cat.jpg");
  }

  @Test
  void aRequestThatIsNotS3IsStillATarget() {
    FaultTarget target = S3.of(request("GET", "localhost", "/b/k", "prefix=%E", Map.of()));
    assertThat(target.operation()).isEqualTo(S3Request.MALFORMED);
    assertThat(target.service()).isEqualTo("api-gateway");
  }

  @Test
  void plainTargetsAreNamedByMethodAndFirstSegment() {
    assertThat(HttpTargets.plain("storage-node").of(request("GET", "localhost", "/blobs/abc", null, Map.of())).operation())
        .isEqualTo("GET /blobs");
  }

  private static HttpServletRequest request(String method, String host, String path, String query,
      Map<String, String> headers) {
    return (HttpServletRequest) Proxy.newProxyInstance(HttpTargetsTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
          case "getMethod" -> method;
          case "getRequestURI" -> path;
          case "getQueryString" -> query;
          case "getHeader" -> "Host".equalsIgnoreCase((String) args[0]) ? host : headers.get((String) args[0]);
          default -> throw new UnsupportedOperationException(m.getName());
        });
  }
}
