package io.mocks3.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mocks3.client.MockS3Control;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The all-in-one image under Testcontainers: it starts, becomes healthy, serves S3 and the control
 * plane at the mapped ports. Needs a Docker engine and the image (docker build --target all-in-one -t
 * mocks3/all-in-one:VERSION .); without an engine it is skipped, saying so.
 */
class MockS3ContainerIT {
  @BeforeEach
  void docker() {
    assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "skipped: no Docker engine answers here, so "
        + "MockS3Container cannot start. With Docker: docker build --target all-in-one -t " + MockS3Container.DEFAULT_IMAGE
        + " . in the repository, then run this test.");
  }

  @Test
  void theWholeStackAnswersS3AndTakesChaosThroughTheControlPlane() {
    try (MockS3Container mocks3 = new MockS3Container()) {
      mocks3.start();
      MockS3Control control = mocks3.control();
      try (S3Client s3 = mocks3.s3Client()) {
        s3.createBucket(b -> b.bucket("tc"));
        s3.putObject(p -> p.bucket("tc").key("hello.txt"), RequestBody.fromString("hello"));
        assertThat(s3.getObjectAsBytes(g -> g.bucket("tc").key("hello.txt")).asUtf8String()).isEqualTo("hello");
      }
      control.chaos("mocks3.commands").loss(0.5).seed(1).apply();
      assertThat(control.chaos()).extracting(c -> c.topic()).containsExactly("mocks3.commands");
      control.reset();
      assertThat(control.chaos()).isEmpty();
    }
  }
}
