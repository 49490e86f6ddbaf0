package io.mocks3.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The injected faults ({@code GET /api/v1/events}), filtered: {@code mocks3.events().bucket("photos").limit(10).list()}. */
public final class EventQuery {
  private final ControlPlane plane;
  private final Map<String, String> filters = new LinkedHashMap<>();

  EventQuery(ControlPlane plane) {
    this.plane = plane;
  }

  /** Only this rule's (chaos: {@code chaos:<topic>}). */
  public EventQuery rule(String ruleId) {
    return filter("rule", ruleId);
  }

  public EventQuery scenario(String scenario) {
    return filter("scenario", scenario);
  }

  public EventQuery service(String service) {
    return filter("service", service);
  }

  /** Only those that hurt this bucket. */
  public EventQuery bucket(String bucket) {
    return filter("bucket", bucket);
  }

  /** Only those that hurt this key (with {@link #bucket}). */
  public EventQuery key(String key) {
    return filter("key", key);
  }

  /** Only those that hurt this command. */
  public EventQuery command(String commandId) {
    return filter("command", commandId);
  }

  /** At most this many (default 100, at most 10,000), the newest. */
  public EventQuery limit(int limit) {
    return filter("limit", String.valueOf(limit));
  }

  public List<FaultEvent> list() {
    return plane.list(plane.get(path()).path("events"), FaultEvent.class);
  }

  /** How many match (up to the limit). */
  public long count() {
    return plane.get(path()).path("count").asLong();
  }

  private String path() {
    return "/api/v1/events" + (filters.isEmpty() ? "" : "?" + filters.entrySet().stream()
        .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
  }

  private EventQuery filter(String name, String value) {
    if (value == null) {
      filters.remove(name);
    } else {
      filters.put(name, value);
    }
    return this;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
