package io.mocks3.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import io.mocks3.schemas.Json;

/**
 * Real clients for the gateway: the AWS SDK for Java v2 with its defaults, and plain HTTP; and the
 * operator's: {@code ops/mocks3} in-process, the projector's consistency report.
 */
final class Clients {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final HttpClient BULK = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private Clients() {}

  /** Today's SDK defaults (aws-chunked uploads with CRC32 trailers), path-style addressing. */
  static S3Client s3() {
    return S3Client.builder()
        .endpointOverride(LocalStackExtension.gateway())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "thing")))
        .forcePathStyle(true)
        .httpClient(ApacheHttpClient.builder().maxConnections(32).build())
        .build();
  }

  static HttpResponse<String> http(String method, String pathAndQuery, byte[] body, String... headers)
      throws IOException, InterruptedException {
    return HTTP.send(request(method, pathAndQuery, body, headers), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Plain HTTP/1.1 with the bytes as they are, one keep-alive connection per thread, as light as wrk:
   * for bulk traffic, where the SDK's own CPU (signing, checksums) would pace a test on two cores.
   */
  static HttpResponse<byte[]> bulk(String method, String pathAndQuery, byte[] body, String... headers)
      throws IOException, InterruptedException {
    return BULK.send(request(method, pathAndQuery, body, headers), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest request(String method, String pathAndQuery, byte[] body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(LocalStackExtension.gateway() + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return b.build();
  }

  /** An admin client of the stack's broker, with timeouts short enough for an await to poll it. */
  static Admin kafkaAdmin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.layout().kafkaBootstrap(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
  }

  static String md5(byte[] bytes) {
    return HexFormat.of().formatHex(md5Bytes(bytes));
  }

  static byte[] md5Bytes(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code ops/mocks3 <args>} against the test stack, in-process; asserts it exits 0 and answers what it printed. */
  static String ops(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    int exit;
    try {
      java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("--repo", LocalStackExtension.layout().repo().toString(),
          "--home", LocalStackExtension.layout().home().toString(), "--port-offset", String.valueOf(LocalStackExtension.PORT_OFFSET)));
      all.addAll(java.util.List.of(args));
      exit = new picocli.CommandLine(new io.mocks3.ops.stack.LocalStack()).execute(all.toArray(String[]::new));
    } finally {
      System.setOut(original);
    }
    org.assertj.core.api.Assertions.assertThat(exit).as(out.toString()).isZero();
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * The projector's consistency report ({@code GET /admin/consistency?<query>}). Tests of the projections
   * among themselves pass {@code acknowledged=false}: other tests lose acknowledged commands on purpose.
   */
  static tools.jackson.databind.JsonNode consistency(String query) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(FaultControl.authorized(HttpRequest.newBuilder(URI.create(LocalStackExtension.layout()
        .url(io.mocks3.ops.stack.StackLayout.PROJECTOR) + "/admin/consistency?" + query)))
        .timeout(java.time.Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
    org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.mapper().readTree(response.body());
  }

  /** Asks the task workers for a blob sweep now: GC of old orphans, repair of blobs a node lost; answers what it queued. */
  static tools.jackson.databind.JsonNode blobSweep() throws IOException, InterruptedException {
    return runTask("blob-sweep");
  }

  /** Runs one of the task workers' periodic tasks now ({@code POST :8083/admin/tasks/<name>}); its answer. */
  static tools.jackson.databind.JsonNode runTask(String name) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(FaultControl.authorized(HttpRequest.newBuilder(URI.create(
        LocalStackExtension.layout().url(io.mocks3.ops.stack.StackLayout.TASKS) + "/admin/tasks/" + name)))
        .timeout(java.time.Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.mapper().readTree(response.body());
  }

  /** Every key of {@code bucket}, through a paginated ListObjectsV2. */
  static java.util.Set<String> keys(S3Client s3, String bucket) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
        .map(software.amazon.awssdk.services.s3.model.S3Object::key).collect(java.util.stream.Collectors.toSet());
  }
}
