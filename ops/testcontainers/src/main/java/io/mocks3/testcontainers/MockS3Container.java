package io.mocks3.testcontainers;

import io.mocks3.client.MockS3Control;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * MockS3 in one container: the image built from the repository's Dockerfile target {@code all-in-one}
 * runs the local stack (a KRaft Kafka broker, PostgreSQL, Redis, and every MockS3 service, each its own
 * process). Ready when the stack said every part is healthy and the gateway's and the controller's
 * {@code /health} answer 200 from outside.
 *
 * <pre>{@code
 * @Container static MockS3Container mocks3 = new MockS3Container();
 * S3Client s3 = mocks3.s3Client();
 * mocks3.control().chaos("mocks3.commands").loss(0.05).seed(7).apply();
 * }</pre>
 *
 * Build the image first: {@code docker build --target all-in-one -t mocks3/all-in-one:<version> .}
 * in a MockS3 checkout ({@link #DEFAULT_IMAGE} names the version of this library).
 */
public class MockS3Container extends GenericContainer<MockS3Container> {
  /** The image this library's version expects, e.g. {@code mocks3/all-in-one:0.2.0}. */
  public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("mocks3/all-in-one").withTag(version());
  /** The line the image's entry point prints once every part of the stack is healthy. */
  public static final String HEALTHY_LINE = "MockS3 all-in-one: every part is healthy";
  public static final int S3_PORT = MockS3Endpoint.LOCAL_S3_PORT;
  public static final int CONTROL_PORT = MockS3Control.LOCAL_CONTROL_PORT;
  /** Kafka, PostgreSQL and six JVMs start in about 40 s on two cores; the image's HEALTHCHECK allows the same. */
  static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

  public MockS3Container() {
    this(DEFAULT_IMAGE);
  }

  public MockS3Container(String image) {
    this(DockerImageName.parse(image));
  }

  public MockS3Container(DockerImageName image) {
    super(image);
    image.assertCompatibleWith(DockerImageName.parse("mocks3/all-in-one"));
    addExposedPort(S3_PORT);
    addExposedPort(CONTROL_PORT);
    // The agents' services too: a control-plane change returns only once each of them has it.
    MockS3Control.LOCAL_AGENT_PORTS.stream().filter(p -> p != S3_PORT).forEach(this::addExposedPort);
    waitingFor(new WaitAllStrategy(WaitAllStrategy.Mode.WITH_OUTER_TIMEOUT)
        .withStrategy(Wait.forLogMessage(".*" + HEALTHY_LINE + ".*", 1))
        .withStrategy(Wait.forHttp("/health").forPort(S3_PORT).forStatusCode(200))
        .withStrategy(Wait.forHttp("/health").forPort(CONTROL_PORT).forStatusCode(200))
        .withStartupTimeout(STARTUP_TIMEOUT));
  }

  private String controlToken;

  /**
   * The control plane requires this token ({@code MOCKS3_CONTROL_TOKEN} in the container); {@link #control()}
   * sends it. Without it the container's control plane is open (its ports are published to the host).
   */
  public MockS3Container withControlToken(String token) {
    this.controlToken = token;
    return withEnv(MockS3Control.TOKEN_VARIABLE, token);
  }

  /** The gateway's default consistency mode (strong unless set): {@code MOCKS3_CONSISTENCY}. */
  public MockS3Container withConsistency(String mode) {
    return withEnv("MOCKS3_CONSISTENCY", mode);
  }

  /** The S3 endpoint, the control plane and the agents, at their mapped ports. */
  public MockS3Endpoint endpoint() {
    List<URI> agents = MockS3Control.LOCAL_AGENT_PORTS.stream().map(this::uri).toList();
    return new MockS3Endpoint(uri(S3_PORT), uri(CONTROL_PORT), agents);
  }

  public URI s3Endpoint() {
    return uri(S3_PORT);
  }

  public URI controlEndpoint() {
    return uri(CONTROL_PORT);
  }

  /** An S3 client of this container (path-style, us-east-1, static credentials); the caller closes it. */
  public S3Client s3Client() {
    return endpoint().s3Client();
  }

  public S3AsyncClient s3AsyncClient() {
    return endpoint().s3AsyncClient();
  }

  /** The control-plane client (with the container's token, if it has one); its changes return once every service has them. */
  public MockS3Control control() {
    if (controlToken == null) {
      return endpoint().control();
    }
    MockS3Endpoint endpoint = endpoint();
    return MockS3Control.builder(endpoint.controlPlane()).agents(endpoint.agents()).awaitEveryService().token(controlToken).build();
  }

  private URI uri(int port) {
    return URI.create("http://" + getHost() + ":" + getMappedPort(port));
  }

  /** This library's version, which is the image's tag. */
  static String version() {
    try (InputStream in = MockS3Container.class.getResourceAsStream("mocks3-testcontainers.properties")) {
      if (in == null) {
        throw new IllegalStateException("mocks3-testcontainers.properties is missing from the library's jar");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
