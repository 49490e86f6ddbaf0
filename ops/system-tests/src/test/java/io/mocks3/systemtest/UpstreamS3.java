package io.mocks3.systemtest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An independent S3 implementation, adobe's S3Mock (its executable jar, fetched by the build), run
 * as its own process: the upstream endpoint of origin back-fill tests.
 */
final class UpstreamS3 implements AutoCloseable {
  private final Process process;
  private final int port;

  private UpstreamS3(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static UpstreamS3 start() throws IOException {
    Path jar = Path.of(System.getProperty("mocks3.upstream-jar", "target/upstream/s3mock-exec.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no S3Mock jar at " + jar + " (the build's pre-integration-test phase copies it)");
    }
    int http = freePort();
    int https = freePort();
    Path dir = Files.createTempDirectory("upstream-s3");
    Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
    Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
        "--http.port=" + http, "--server.port=" + https,
        "--com.adobe.testing.s3mock.store.root=" + dir.resolve("root"),
        "--com.adobe.testing.s3mock.store.retain-files-on-exit=false"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("s3mock.log").toFile()).start();
    UpstreamS3 upstream = new UpstreamS3(process, http);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Mock exited; see " + dir.resolve("s3mock.log"));
      }
      try (Socket s = new Socket("127.0.0.1", http)) {
        return true;
      } catch (IOException e) {
        return false;
      }
    });
    return upstream;
  }

  /** The endpoint as an origin names it, on {@code host} (127.0.0.1 or localhost: two upstreams to MockS3). */
  String endpoint(String host) {
    return "http://" + host + ":" + port;
  }

  S3Client client() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint("127.0.0.1")))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "thing")))
        .forcePathStyle(true)
        .httpClient(ApacheHttpClient.builder().build())
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
