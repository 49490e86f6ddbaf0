package io.mocks3.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** What needs no Docker engine: the image, the ports, the health line the image prints, the clients' configuration. */
class MockS3ContainerTest {
  @Test
  void theDefaultImageIsTheAllInOneTargetTaggedWithThisVersion() {
    assertThat(MockS3Container.DEFAULT_IMAGE.getUnversionedPart()).isEqualTo("mocks3/all-in-one");
    assertThat(MockS3Container.DEFAULT_IMAGE.getVersionPart()).isEqualTo(System.getProperty("project.version", "0.2.0"))
        .doesNotContain("@");
  }

  @Test
  void itExposesS3TheControlPlaneAndEveryAgentsService() {
    try (MockS3Container container = new MockS3Container()) {
      assertThat(container.getExposedPorts()).containsExactlyInAnyOrder(8080, 8085, 8081, 8082, 8182, 8083);
    }
  }

  @Test
  void anImageThatIsNotMockS3sIsRefused() {
    assertThatThrownBy(() -> new MockS3Container("minio/minio:RELEASE.2025-01-01T00-00-00Z"))
        .hasMessageContaining("mocks3/all-in-one");
  }

  @Test
  void theImagesEntryPointPrintsTheLineTheContainerWaitsFor() throws Exception {
    String script = Files.readString(Path.of("docker/all-in-one.sh"));
    assertThat(script).contains("echo \"" + MockS3Container.HEALTHY_LINE + "\"");
  }

  @Test
  void theLocalStacksEndpointAndItsClients() {
    MockS3Endpoint local = MockS3Endpoint.local(20_000);
    assertThat(local.s3()).isEqualTo(URI.create("http://127.0.0.1:28080"));
    assertThat(local.controlPlane()).isEqualTo(URI.create("http://127.0.0.1:28085"));
    assertThat(local.agents()).extracting(URI::getPort).containsExactly(28080, 28081, 28082, 28182, 28083);
    try (S3Client s3 = local.s3Client()) {
      assertThat(s3.serviceClientConfiguration().endpointOverride()).contains(local.s3());
      assertThat(s3.serviceClientConfiguration().region()).isEqualTo(MockS3Endpoint.REGION);
    }
    assertThat(local.control().uri()).isEqualTo(local.controlPlane());
  }
}
