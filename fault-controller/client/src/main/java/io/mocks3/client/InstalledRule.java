package io.mocks3.client;

import tools.jackson.databind.JsonNode;
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
    return new InstalledRule(rule.path("id").asString(null), rule.path("name").asString(null),
        rule.path("service").asString(null), rule.path("enabled").asBoolean(true), rule.path("action").path("type").asString(null),
        rule.path("scenario").asString(null), rule.hasNonNull("seed") ? rule.get("seed").asLong() : null,
        instant(rule, "createdAt"), instant(rule, "expiresAt"), rule);
  }

  static Instant instant(JsonNode node, String field) {
    return node.hasNonNull(field) ? Instant.parse(node.get(field).asString()) : null;
  }
}
