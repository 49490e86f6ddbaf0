package io.mocks3.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A rule as the control plane holds it: its id and times, and the fields that say what it does.
 *
 * @param action the action's type, e.g. http_error
 * @param expiresAt when its ttl ends it; null for ever
 * @param json the whole rule as the server answered it (conditions, the action's fields)
 */
public record InstalledRule(String id, String name, String service, boolean enabled, String action, String scenario,
    Long seed, Instant createdAt, Instant expiresAt, JsonNode json) {

  static InstalledRule of(JsonNode rule) {
    return new InstalledRule(rule.path("id").asText(null), rule.path("name").asText(null),
        rule.path("service").asText(null), rule.path("enabled").asBoolean(true), rule.path("action").path("type").asText(null),
        rule.path("scenario").asText(null), rule.hasNonNull("seed") ? rule.get("seed").asLong() : null,
        instant(rule, "createdAt"), instant(rule, "expiresAt"), rule);
  }

  static Instant instant(JsonNode node, String field) {
    return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
  }
}
