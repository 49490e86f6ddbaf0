package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mocks3.client.MockS3Control;
import io.mocks3.client.MockS3ControlException;
import io.mocks3.client.Rule;
import io.mocks3.ops.stack.StackLayout;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control token on a real fault controller: the suite's shared stack runs without one, so this
 * class starts one more fault controller (its jar, on a free port, on the shared stack's Kafka) with
 * {@code MOCKS3_CONTROL_TOKEN} in its environment, as {@code ops/mocks3 up} passes it on. Without the
 * token a change gets 401 and changes nothing; with it the REST API, the Java client and the CLI work;
 * a cross-site change is refused even with it. Rules it installs name a bucket of its own (the shared
 * stack's agents read them too) and are removed.
 */
@ExtendWith(LocalStackExtension.class)
class ControlTokenIT {
  private static final String TOKEN = "token-it-" + UUID.randomUUID();
  private static final Path SCRIPT = Path.of(System.getProperty("mocks3.repo", "../..")).resolve("ops/mocks3");
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static Process controller;
  private static URI base;
  private String bucket;

  @BeforeAll
  static void startAGuardedFaultController() throws Exception {
    StackLayout layout = LocalStackExtension.layout();
    Path jar = layout.repo().resolve("fault-controller/target/fault-controller.jar");
    assertThat(jar).as("the fault controller's jar (./mvnw -pl fault-controller install -DskipTests)").isRegularFile();
    int port = freePort();
    base = URI.create("http://127.0.0.1:" + port);
    Path log = Path.of("target/control-token-it-fault-controller.log");
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
        "--mocks3.kafka.bootstrap-servers=" + layout.kafkaBootstrap(), "--mocks3.faults.instance=fault-controller-token-it",
        "--mocks3.runs.gateway-url=" + layout.url(StackLayout.GATEWAY), "--logging.file.name=", "--spring.main.banner-mode=off"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put(MockS3Control.TOKEN_VARIABLE, TOKEN);
    controller = builder.start();
    await("the guarded fault controller's /health (log: " + log.toAbsolutePath() + ")").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> {
          assertThat(controller.isAlive()).as("the guarded fault controller exited; its log: %s", log.toAbsolutePath()).isTrue();
          return healthy();
        });
  }

  @AfterAll
  static void stopIt() throws InterruptedException {
    if (controller != null) {
      controller.destroy();
      if (!controller.waitFor(30, TimeUnit.SECONDS)) {
        controller.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @BeforeEach
  void ownBucket() {
    bucket = "token-it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aRequestWithoutTheTokenGets401AndChangesNothing() throws Exception {
    HttpResponse<String> rule = send("POST", "/api/v1/rules", ruleJson(), null);
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(401);
    assertThat(rule.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"mocks3\"");
    assertThat(rule.body()).contains("\"field\":\"Authorization\"");
    assertThat(send("POST", "/api/v1/rules", ruleJson(), "not-" + TOKEN).statusCode()).isEqualTo(401);
    assertThat(send("PUT", "/api/v1/chaos/topics/mocks3.commands", "{\"loss_rate\": 1.0, \"key_filter\": \"" + bucket + "\"}", null)
        .statusCode()).isEqualTo(401);
    assertThat(send("PUT", "/api/v1/kill-switch", null, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/api/v1/rules", null, null).statusCode()).as("reads need it too").isEqualTo(401);
    assertThat(send("GET", "/health", null, null).statusCode()).as("health stays open").isEqualTo(200);

    try {
      assertThat(send("GET", "/api/v1/rules", null, TOKEN).body()).doesNotContain(bucket);
      assertThat(send("GET", "/api/v1/chaos/topics", null, TOKEN).body()).doesNotContain(bucket);
      assertThat(send("GET", "/api/v1/kill-switch", null, TOKEN).body()).contains("\"engaged\":false");
    } finally {
      // Had the guard let the kill switch through, the shared stack must not stay killed for the other classes.
      if (send("GET", "/api/v1/kill-switch", null, TOKEN).body().contains("\"engaged\":true")) {
        send("DELETE", "/api/v1/kill-switch", null, TOKEN);
      }
    }
  }

  @Test
  void anotherSpellingOfTheApisPathIsGuardedAllTheSame() throws Exception {
    for (String path : List.of("/%61pi/v1/rules", "//api/v1/rules", "/api/v1/./rules", "/api;x=1/v1/rules", "/api/v1/rules;x=1",
        "/api/v1//rules")) {
      HttpResponse<String> response = send("POST", path, ruleJson(), null);
      assertThat(response.statusCode()).as("POST %s without the token: %s", path, response.body()).isBetween(400, 499);
    }
    assertThat(send("GET", "/api/v1/rules", null, TOKEN).body()).doesNotContain(bucket);
  }

  @Test
  void withTheTokenTheRestApiAndTheJavaClientWork() throws Exception {
    HttpResponse<String> created = send("POST", "/api/v1/rules", ruleJson(), TOKEN);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    MockS3Control withToken = MockS3Control.builder(base).token(TOKEN).build();
    String restRule = withToken.rules().list().stream().filter(r -> r.json().toString().contains(bucket)).findFirst()
        .orElseThrow(() -> new AssertionError("the rule posted with the token is not listed")).id();
    withToken.rules().remove(restRule);

    String clientRule = withToken.rules().add(Rule.httpError(503).service("gateway").bucket(bucket).firstN(1)).id();
    try {
      assertThat(withToken.rules().get(clientRule)).isPresent();
      MockS3Control withoutToken = MockS3Control.builder(base).token(null).build();
      assertThatThrownBy(() -> withoutToken.rules().remove(clientRule)).isInstanceOfSatisfying(MockS3ControlException.class,
          e -> assertThat(e.status()).isEqualTo(401));
      assertThat(withToken.rules().get(clientRule)).as("a refused removal removed nothing").isPresent();
    } finally {
      withToken.rules().remove(clientRule);
    }
    assertThat(withToken.rules().get(clientRule)).isEmpty();
  }

  @Test
  void aCrossSiteChangeIsRefusedEvenWithTheToken() throws Exception {
    HttpResponse<String> fromElsewhere = send("POST", "/api/v1/rules", ruleJson(), TOKEN, "Origin", "http://evil.example");
    assertThat(fromElsewhere.statusCode()).as(fromElsewhere.body()).isEqualTo(403);
    assertThat(fromElsewhere.body()).contains("\"field\":\"Origin\"");
    HttpResponse<String> crossSite = send("PUT", "/api/v1/kill-switch", null, TOKEN, "Sec-Fetch-Site", "cross-site");
    assertThat(crossSite.statusCode()).as(crossSite.body()).isEqualTo(403);
    assertThat(send("GET", "/api/v1/rules", null, TOKEN).body()).doesNotContain(bucket);
    assertThat(send("GET", "/api/v1/kill-switch", null, TOKEN).body()).contains("\"engaged\":false");
  }

  @Test
  void theCliSendsTheTokenFromItsEnvironmentAndWithoutItExits1With401() throws Exception {
    Cli listed = cli(TOKEN, "rule", "list");
    assertThat(listed.exit()).as(listed.out() + listed.err()).isZero();

    Cli refused = cli(null, "rule", "add", "http_error", "--status", "503", "--service", "gateway", "--bucket", bucket,
        "--first-n", "1");
    assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
    assertThat(refused.err()).contains("401");
    assertThat(send("GET", "/api/v1/rules", null, TOKEN).body()).doesNotContain(bucket);
  }

  private String ruleJson() {
    return """
        {"name": "token-it", "service": "gateway", "conditions": [{"type": "bucket", "value": "%s"}, {"type": "first_n", "value": 1}],
         "action": {"type": "http_error", "http_code": 503}}""".formatted(bucket);
  }

  private static HttpResponse<String> send(String method, String path, String json, String token, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean healthy() {
    try {
      return send("GET", "/health", null, null).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private record Cli(int exit, String out, String err) {}

  /** {@code ops/mocks3 <args>} as a process against the guarded controller, with {@code token} in its environment (or none). */
  private static Cli cli(String token, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("MOCKS3_CONTROL_URL", base.toString());
    builder.environment().remove(MockS3Control.TOKEN_VARIABLE);
    if (token != null) {
      builder.environment().put(MockS3Control.TOKEN_VARIABLE, token);
    }
    Path out = Files.createTempFile("control-token-it", ".out");
    Path err = Files.createTempFile("control-token-it", ".err");
    try {
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("ops/mocks3 " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Cli(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
