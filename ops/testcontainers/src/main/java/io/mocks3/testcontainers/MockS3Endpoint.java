package io.mocks3.testcontainers;

import io.mocks3.client.MockS3Control;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a MockS3 answers, whichever way it was started (a container, the local stack's processes,
 * a stack someone else runs): its S3 endpoint, its control plane, and the services whose fault
 * agents a change must reach before it is in force. Hands out SDK v2 clients configured for it:
 * path-style addressing, {@link #REGION}, static credentials (MockS3 accepts any).
 *
 * @param s3 the S3 endpoint, e.g. http://localhost:8080
 * @param controlPlane the control plane (the fault controller), e.g. http://localhost:8085
 * @param agents the services whose agents apply faults; empty when they cannot be reached (changes then wait for none)
 */
public record MockS3Endpoint(URI s3, URI controlPlane, List<URI> agents) {
  /** The local stack's S3 port, before its port offset. */
  public static final int LOCAL_S3_PORT = 8080;
  public static final Region REGION = Region.US_EAST_1;
  public static final String ACCESS_KEY = "mocks3";
  public static final String SECRET_KEY = "mocks3-secret";

  public MockS3Endpoint {
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(controlPlane, "controlPlane");
    agents = List.copyOf(agents);
  }

  /** The local stack ({@code ops/mocks3 up}) on 127.0.0.1, its ports shifted by {@code portOffset}. */
  public static MockS3Endpoint local(int portOffset) {
    List<URI> agents = MockS3Control.LOCAL_AGENT_PORTS.stream().map(p -> localhost(p + portOffset)).toList();
    return new MockS3Endpoint(localhost(LOCAL_S3_PORT + portOffset), localhost(MockS3Control.LOCAL_CONTROL_PORT + portOffset),
        agents);
  }

  private static URI localhost(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A synchronous S3 client of this endpoint; the caller closes it. */
  public S3Client s3Client() {
    return S3Client.builder()
        .endpointOverride(s3)
        .region(REGION)
        .credentialsProvider(credentials())
        .forcePathStyle(true)
        .build();
  }

  /** An asynchronous S3 client of this endpoint; the caller closes it. */
  public S3AsyncClient s3AsyncClient() {
    return S3AsyncClient.builder()
        .endpointOverride(s3)
        .region(REGION)
        .credentialsProvider(credentials())
        .forcePathStyle(true)
        .build();
  }

  /** A client of the control plane whose changes return once every agent it names and every service the control plane watches has them. */
  public MockS3Control control() {
    return MockS3Control.builder(controlPlane).agents(agents).awaitEveryService().build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }
}
