package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.client.Rule;
import io.mocks3.schemas.Json;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Link rules put in and taken out through the control plane's REST API, without the client's wait
 * for every service's /health: a service whose link is cut may answer /health only when its own
 * check gives up, as it would on a real network. The link's own state (its toxic gauge, scraped
 * from the process at {@code port}) says when a rule is in force.
 */
final class LinkRules {
  private LinkRules() {}

  /** Adds a link rule and waits until the link of the process at {@code port} carries {@code toxic}; the rule's id. */
  static String cutAndAwait(Rule rule, int port, String link, String toxic) throws Exception {
    HttpResponse<String> added = FaultControl.call("POST", "/api/v1/rules", rule.toJson());
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    awaitToxic(port, link, toxic);
    return Json.mapper().readTree(added.body()).path("id").asString();
  }

  /** Removes the rule and waits until the link of the process at {@code port} carries no toxic. */
  static void healAndAwait(String ruleId, int port, String link) throws Exception {
    assertThat(FaultControl.call("DELETE", "/api/v1/rules/" + ruleId, null).statusCode()).isBetween(200, 204);
    awaitToxic(port, link, "none");
  }

  static void awaitToxic(int port, String link, String toxic) {
    await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.value(port,
        "mocks3_link_toxic{link=\"" + link + "\",toxic=\"" + toxic + "\"}") == 1);
  }
}
