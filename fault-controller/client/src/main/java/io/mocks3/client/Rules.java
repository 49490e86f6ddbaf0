package io.mocks3.client;

import tools.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fault rules ({@code /api/v1/rules}). Every change returns once it is in force. */
public final class Rules {
  private final ControlPlane plane;

  Rules(ControlPlane plane) {
    this.plane = plane;
  }

  /** Adds a rule; a 400 names what is wrong with it. */
  public InstalledRule add(Rule rule) {
    return InstalledRule.of(plane.change("POST", "/api/v1/rules", rule.tree()));
  }

  public List<InstalledRule> list() {
    List<InstalledRule> out = new ArrayList<>();
    plane.get("/api/v1/rules").path("rules").forEach(r -> out.add(InstalledRule.of(r)));
    return List.copyOf(out);
  }

  /** The rule with this id, or empty when there is none. */
  public Optional<InstalledRule> get(String id) {
    try {
      return Optional.of(InstalledRule.of(plane.get("/api/v1/rules/" + id)));
    } catch (MockS3ControlException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Changes only the fields {@code changes} sets, e.g. {@code update(id, Rule.changes().seed(1234))}. */
  public InstalledRule update(String id, Rule changes) {
    return InstalledRule.of(plane.change("PUT", "/api/v1/rules/" + id, changes.tree()));
  }

  /** Removes the rule; a 404 when there is none. */
  public void remove(String id) {
    plane.change("DELETE", "/api/v1/rules/" + id, null);
  }

  /** Removes every rule. */
  public void clear() {
    for (InstalledRule r : list()) {
      plane.send("DELETE", "/api/v1/rules/" + r.id(), null);
    }
    plane.awaitInForce();
  }

  /** How many injections the controller recorded for the rule (of its newest 10,000 events). */
  public long injections(String id) {
    JsonNode events = plane.get("/api/v1/events?rule=" + EventQuery.encode(id) + "&limit=10000");
    return events.path("count").asLong();
  }
}
