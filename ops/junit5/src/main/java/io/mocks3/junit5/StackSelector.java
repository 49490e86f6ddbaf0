package io.mocks3.junit5;

import io.mocks3.client.MockS3Control;
import io.mocks3.testcontainers.MockS3Container;
import io.mocks3.testcontainers.MockS3Endpoint;
import java.net.URI;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;

/**
 * Picks where the tests run, in this order: a running MockS3 ({@code mocks3.endpoint}); a container
 * where a Docker engine answers; the local stack as processes from a built checkout ({@code mocks3.repo}).
 * {@code mocks3.mode} forces one. When none is possible it fails saying what to set: never a silent skip.
 */
final class StackSelector {
  private final StackSettings settings;
  private final BooleanSupplier dockerAvailable;

  StackSelector(StackSettings settings, BooleanSupplier dockerAvailable) {
    this.settings = settings;
    this.dockerAvailable = dockerAvailable;
  }

  static StackSelector fromEnvironment() {
    return new StackSelector(StackSettings.fromEnvironment(), () -> DockerClientFactory.instance().isDockerAvailable());
  }

  /** The mode the settings and this machine lead to; throws with what to set when there is none. */
  StackSettings.Mode choose() {
    switch (settings.mode()) {
      case ENDPOINT -> require(settings.endpoint() != null, "mocks3.mode=endpoint needs mocks3.endpoint (or MOCKS3_ENDPOINT)");
      case CONTAINER -> require(dockerAvailable.getAsBoolean(), "mocks3.mode=container, but no Docker engine answers");
      case PROCESSES -> require(settings.repo() != null, "mocks3.mode=processes needs mocks3.repo (or MOCKS3_REPO)");
      default -> {
        if (settings.endpoint() != null) {
          return StackSettings.Mode.ENDPOINT;
        }
        if (dockerAvailable.getAsBoolean()) {
          return StackSettings.Mode.CONTAINER;
        }
        if (settings.repo() != null) {
          return StackSettings.Mode.PROCESSES;
        }
        throw new IllegalStateException(nowhere());
      }
    }
    return settings.mode();
  }

  /** Starts (or connects to) the chosen MockS3. */
  MockS3Stack start() throws Exception {
    return switch (choose()) {
      case ENDPOINT -> running();
      case CONTAINER -> container();
      default -> LocalStackProcesses.start(settings.repo(), settings.home(), settings.portOffset());
    };
  }

  private MockS3Stack running() {
    URI s3 = settings.endpoint();
    int offset = s3.getPort() - MockS3Endpoint.LOCAL_S3_PORT;
    URI control = settings.controlPlane() != null ? settings.controlPlane()
        : URI.create(s3.getScheme() + "://" + s3.getHost() + ":" + (MockS3Control.LOCAL_CONTROL_PORT + offset));
    // A local stack's services answer beside its gateway: changes wait for their agents. Elsewhere their ports are unknown.
    boolean local = List.of("localhost", "127.0.0.1").contains(s3.getHost()) && s3.getPort() > 0;
    List<URI> agents = local ? MockS3Endpoint.local(offset).agents() : List.of();
    MockS3Endpoint endpoint = new MockS3Endpoint(s3, control, agents);
    return new MockS3Stack() {
      @Override
      public MockS3Endpoint endpoint() {
        return endpoint;
      }

      @Override
      public String description() {
        return "the running MockS3 at " + s3 + " (control plane " + control + ")";
      }

      @Override
      public void close() {
        // Someone else runs it.
      }
    };
  }

  private MockS3Stack container() {
    MockS3Container container = settings.image() == null ? new MockS3Container() : new MockS3Container(settings.image());
    // A token in the test's environment guards the container's control plane too; the clients send the same one.
    String token = System.getenv(MockS3Control.TOKEN_VARIABLE);
    if (token != null && !token.isBlank()) {
      container.withControlToken(token);
    }
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      throw new IllegalStateException("MockS3Container (" + container.getDockerImageName() + ") did not start: "
          + e.getMessage() + ". Build the image in a MockS3 checkout: docker build --target all-in-one -t "
          + container.getDockerImageName() + " . (or set mocks3.image)", e);
    }
    return new MockS3Stack() {
      @Override
      public MockS3Endpoint endpoint() {
        return container.endpoint();
      }

      @Override
      public String description() {
        return "MockS3Container " + container.getDockerImageName();
      }

      @Override
      public void close() {
        container.stop();
      }
    };
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message + ". " + nowhere());
    }
  }

  /** What to set, for a machine where MockS3 can run no way yet. */
  static String nowhere() {
    return "MockS3 has nowhere to run. Set one of: mocks3.endpoint (or MOCKS3_ENDPOINT) to the S3 endpoint of a running "
        + "MockS3, e.g. http://localhost:8080 after `ops/mocks3 up`; a Docker engine, with the image built in a MockS3 "
        + "checkout: docker build --target all-in-one -t " + MockS3Container.DEFAULT_IMAGE + " .; or mocks3.repo (or "
        + "MOCKS3_REPO) to a built MockS3 checkout (./mvnw -DskipTests install) to start the local stack as processes.";
  }
}
