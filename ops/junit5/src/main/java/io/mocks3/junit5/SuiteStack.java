package io.mocks3.junit5;

import io.mocks3.client.MockS3Control;
import io.mocks3.testcontainers.MockS3Endpoint;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The stack the tests share and the clients handed to them; closing it closes the clients, then the stack. */
@SuppressWarnings("deprecation") // CloseableResource: still what JUnit 5 before 5.13 closes; JUnit 6 closes it too.
final class SuiteStack implements ExtensionContext.Store.CloseableResource {
  private final MockS3Stack stack;
  private final MockS3Endpoint endpoint;
  private final S3Client s3;
  private final S3AsyncClient s3Async;
  private final MockS3Control control;

  SuiteStack(MockS3Stack stack) {
    this.stack = stack;
    this.endpoint = stack.endpoint();
    this.s3 = endpoint.s3Client();
    this.s3Async = endpoint.s3AsyncClient();
    this.control = endpoint.control();
  }

  MockS3Endpoint endpoint() {
    return endpoint;
  }

  S3Client s3() {
    return s3;
  }

  S3AsyncClient s3Async() {
    return s3Async;
  }

  MockS3Control control() {
    return control;
  }

  @Override
  public void close() throws Exception {
    try (stack) {
      s3.close();
      s3Async.close();
    }
  }
}
