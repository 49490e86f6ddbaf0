package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.ops.stack.StackLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault controller's REST API for the system tests, and the one wait they need: a change is
 * in force once every service's agent has read past it ({@code position} in its /health).
 */
final class FaultControl {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern POSITION = Pattern.compile("\"position\":(-?\\d+)");
  private static final List<Integer> SERVICES =
      List.of(StackLayout.GATEWAY, StackLayout.PROJECTOR, StackLayout.STORAGE_1, StackLayout.STORAGE_2, StackLayout.TASKS);

  private FaultControl() {}

  static HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(LocalStackExtension.layout().url(StackLayout.FAULTS) + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a rule, waits until every service applies it, returns its id. */
  static String createRule(String json) throws Exception {
    HttpResponse<String> created = call("POST", "/api/v1/rules", json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Matcher id = ID.matcher(created.body());
    assertThat(id.find()).isTrue();
    inForce();
    return id.group(1);
  }

  /** Calls the controller and waits until what it changed is in force everywhere. */
  static HttpResponse<String> change(String method, String path, String json) throws Exception {
    HttpResponse<String> response = call(method, path, json);
    inForce();
    return response;
  }

  /** Waits until every service's agent has read everything the controller has confirmed so far. */
  static void inForce() throws Exception {
    Matcher m = POSITION.matcher(call("GET", "/api/v1/rules", null).body());
    assertThat(m.find()).isTrue();
    long written = Long.parseLong(m.group(1));
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(() -> {
      for (int port : SERVICES) {
        String health = HTTP.send(HttpRequest.newBuilder(URI.create(LocalStackExtension.layout().url(port) + "/health")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        Matcher p = POSITION.matcher(health);
        if (!p.find() || Long.parseLong(p.group(1)) < written) {
          return false;
        }
      }
      return true;
    });
  }

  /** No rules, no chaos, kill switch released. */
  static void clear() throws Exception {
    call("DELETE", "/api/v1/kill-switch", null);
    Matcher ids = ID.matcher(call("GET", "/api/v1/rules", null).body());
    while (ids.find()) {
      call("DELETE", "/api/v1/rules/" + ids.group(1), null);
    }
    for (String topic : List.of("mocks3.commands", "mocks3.blobs", "mocks3.notifications", "mocks3.cdc", "mocks3.events",
        "mocks3.blob-acks")) {
      call("DELETE", "/api/v1/chaos/topics/" + topic, null);
    }
    inForce();
  }

  /** How many records wait in dead-letter topic {@code dlq} (not yet re-driven or purged); 0 when it is not listed. */
  static long waiting(String dlq) throws Exception {
    for (var t : new com.fasterxml.jackson.databind.ObjectMapper().readTree(call("GET", "/api/v1/dlq", null).body())
        .path("topics")) {
      if (t.path("topic").asText().equals(dlq)) {
        return t.path("waiting").asLong();
      }
    }
    return 0;
  }

  /** The records waiting in dead-letter topic {@code dlq} (up to 1000), each with key, headers and value. */
  static List<com.fasterxml.jackson.databind.JsonNode> deadLetters(String dlq) throws Exception {
    List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(call("GET", "/api/v1/dlq/" + dlq + "?limit=1000", null).body())
        .path("records").forEach(out::add);
    return out;
  }

  /** Whether process scenario {@code scenario} runs in the service on {@code port} (its own status endpoint). */
  static boolean processRunning(int port, String scenario) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(LocalStackExtension.layout().url(port) + "/api/v1/scenarios/" + scenario
        + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body().contains("\"running\":true");
  }

  /** The bodies of {@code GET /api/v1/rules} and {@code GET /api/v1/chaos/topics}, one after the other. */
  static String rulesAndChaos() throws Exception {
    return call("GET", "/api/v1/rules", null).body() + call("GET", "/api/v1/chaos/topics", null).body();
  }

  /** The records waiting in dead-letter topic {@code dlq} under {@code key} (of the first 1000 waiting). */
  static List<com.fasterxml.jackson.databind.JsonNode> deadLetters(String dlq, String key) throws Exception {
    return deadLetters(dlq).stream().filter(d -> d.path("key").asText().equals(key)).toList();
  }

  /** How many injections the controller has recorded for rule {@code ruleId} (its events). */
  static long injections(String ruleId) throws Exception {
    Matcher m = Pattern.compile("\"count\":(\\d+)").matcher(call("GET", "/api/v1/events?rule=" + ruleId + "&limit=1000", null).body());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
