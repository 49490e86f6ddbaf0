package io.mocks3.systemtest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.mocks3.client.DeadLetterTopic;
import io.mocks3.client.MockS3Control;
import io.mocks3.client.Rule;
import io.mocks3.ops.stack.StackLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import io.mocks3.schemas.Json;

/**
 * The control plane for the system tests: {@link #mocks3()} is the public client (changes return once
 * every service's agent has them); the rest keeps the older tests' shorthand on top of it, and
 * {@link #call} sends a request as written, for tests of what the API refuses.
 */
final class FaultControl {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = Json.mapper();
  private static MockS3Control client;

  private FaultControl() {}

  /** The client of the suite's stack: its fault controller, and every service's agent to wait for. */
  static synchronized MockS3Control mocks3() {
    if (client == null) {
      client = MockS3Control.local(LocalStackExtension.PORT_OFFSET);
    }
    return client;
  }

  /** Adds {@code Authorization: Bearer $MOCKS3_CONTROL_TOKEN} when the variable is set (the stack then requires it). */
  static HttpRequest.Builder authorized(HttpRequest.Builder request) {
    String token = System.getenv(MockS3Control.TOKEN_VARIABLE);
    return token == null || token.isBlank() ? request : request.header("Authorization", "Bearer " + token);
  }

  /** A request as written (with the control token when set), answered as it is (no error turned into an exception). */
  static HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder b = authorized(HttpRequest.newBuilder(URI.create(LocalStackExtension.layout().url(StackLayout.FAULTS) + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)))
        .timeout(java.time.Duration.ofMinutes(5));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Adds a rule written as JSON, waits until every service applies it, returns its id. */
  static String createRule(String json) {
    return mocks3().rules().add(Rule.fromJson(json)).id();
  }

  /** Sends a request as written and waits until what it changed is in force everywhere. */
  static HttpResponse<String> change(String method, String path, String json) throws Exception {
    HttpResponse<String> response = call(method, path, json);
    inForce();
    return response;
  }

  /** Waits until every service's agent has read everything the controller has confirmed so far. */
  static void inForce() {
    mocks3().awaitInForce();
  }

  /** No rules, no chaos, kill switch released (scenarios and process orders are the tests' own to stop). */
  static void clear() {
    MockS3Control mocks3 = mocks3();
    mocks3.killSwitch().release();
    mocks3.rules().clear();
    mocks3.chaos().forEach(c -> mocks3.chaos(c.topic()).clear());
  }

  /** How many records wait in dead-letter topic {@code dlq} (not yet re-driven or purged); 0 when it is not listed. */
  static long waiting(String dlq) {
    return mocks3().deadLetterTopics().stream().filter(t -> t.topic().equals(dlq)).mapToLong(DeadLetterTopic::waiting)
        .findFirst().orElse(0);
  }

  /** The records waiting in dead-letter topic {@code dlq} (up to 1000), each with partition, offset, key, headers and value. */
  static List<JsonNode> deadLetters(String dlq) {
    return mocks3().deadLetters(dlq).show(1000).stream().<JsonNode>map(JSON::valueToTree).toList();
  }

  /** The records waiting in dead-letter topic {@code dlq} under {@code key} (of the first 1000 waiting). */
  static List<JsonNode> deadLetters(String dlq, String key) {
    return deadLetters(dlq).stream().filter(d -> d.path("key").asString().equals(key)).toList();
  }

  /** Whether process scenario {@code scenario} runs in the service on {@code port} (its own status endpoint). */
  static boolean processRunning(int port, String scenario) throws Exception {
    return HTTP.send(authorized(HttpRequest.newBuilder(URI.create(LocalStackExtension.layout().url(port) + "/api/v1/scenarios/" + scenario
        + "/status"))).build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"running\":true");
  }

  /** How many injections the controller has recorded for rule {@code ruleId} (its events). */
  static long injections(String ruleId) {
    return mocks3().rules().injections(ruleId);
  }
}
