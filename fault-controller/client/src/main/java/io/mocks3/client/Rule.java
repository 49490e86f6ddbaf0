package io.mocks3.client;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A fault rule to add (or the changes to make to one), built fluently and sent as the control
 * plane's rule JSON: {@code Rule.httpError(503).on("PutObject").bucket("photos").probability(0.5)}.
 * A rule fires for a request when its service matches and every condition holds; its action says
 * what happens. Without {@link #service} it applies in every service; without {@link #name} it is
 * named after its action. Not thread-safe: build it, then hand it to {@link Rules#add}.
 */
public final class Rule {
  private final ObjectNode json = ControlPlane.JSON.createObjectNode();

  private Rule() {}

  /** Answer an S3 XML error with this status (its usual S3 error code, or {@link #errorCode}). */
  public static Rule httpError(int status) {
    return action("http_error").actionField("http_code", status).name("http_error " + status);
  }

  /** Serve normally after waiting {@code delay}. */
  public static Rule delay(Duration delay) {
    return action("delay").actionField("delay", millis(delay)).name("delay " + millis(delay));
  }

  /** Hold the request for {@code hold}, then answer 503 (the kill switch ends the hold at once). */
  public static Rule hang(Duration hold) {
    return action("hang").actionField("delay", millis(hold));
  }

  /** Hold the request past any client timeout (5 minutes), then answer 503. */
  public static Rule hang() {
    return action("hang");
  }

  public static Rule connectionReset() {
    return action("connection_reset");
  }

  /** Serve the answer's body at this rate. */
  public static Rule throttle(long bytesPerSecond) {
    return action("throttle").actionField("bytes_per_second", bytesPerSecond);
  }

  /** Send the headers, then only {@code bytes} of the body, and drop the connection. */
  public static Rule truncate(long bytes) {
    return action("truncate").actionField("truncate_after", bytes);
  }

  /** Flip {@code bytes} bytes of the body, spread over it. */
  public static Rule corrupt(int bytes) {
    return action("corrupt").actionField("corrupt_bytes", bytes);
  }

  public static Rule wrongEtag() {
    return action("wrong_etag");
  }

  /** Storage disk faults (service {@code storage-disk}). */
  public static Rule diskFull() {
    return action("disk_full").service("storage-disk");
  }

  public static Rule bitRot() {
    return action("bit_rot").service("storage-disk");
  }

  public static Rule partialWrite() {
    return action("partial_write").service("storage-disk");
  }

  /** A metadata read answers what the cache held before the key's latest change (service {@code metadata-service}). */
  public static Rule staleRead() {
    return action("stale_read").service("metadata-service");
  }

  public static Rule cacheMiss() {
    return action("cache_miss").service("metadata-service");
  }

  /** A rule with action {@code type}; its other action fields through {@link #actionField}. */
  public static Rule action(String type) {
    Rule rule = new Rule();
    rule.json.putObject("action").put("type", Objects.requireNonNull(type, "type"));
    rule.json.put("name", type);
    return rule;
  }

  /** No action, no name: only the fields set next, for {@link Rules#update}. */
  public static Rule changes() {
    return new Rule();
  }

  /** A rule as JSON in the control plane's format (e.g. from a file). */
  public static Rule fromJson(String json) {
    Rule rule = new Rule();
    try {
      JsonNode tree = ControlPlane.JSON.readTree(json);
      if (tree == null || !tree.isObject()) {
        throw new IllegalArgumentException("a rule is a JSON object, e.g. {\"name\": \"slow\", \"action\": {\"type\": \"delay\", \"delay\": \"2s\"}}");
      }
      rule.json.setAll((ObjectNode) tree);
    } catch (tools.jackson.core.JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    return rule;
  }

  public Rule name(String name) {
    json.put("name", name);
    return this;
  }

  public Rule description(String description) {
    json.put("description", description);
    return this;
  }

  /** Which service applies it: gateway, storage-service, storage-disk, metadata-service, metadata-db, tasks, origin, ... or "*". */
  public Rule service(String service) {
    json.put("service", service);
    return this;
  }

  /** Only these operations (S3 names such as PutObject, or an injection point's own). */
  public Rule on(String... operations) {
    return condition("operation", String.join(",", operations));
  }

  public Rule bucket(String bucket) {
    return condition("bucket", bucket);
  }

  public Rule keyPrefix(String prefix) {
    return condition("key_prefix", prefix);
  }

  /** A glob over the key: {@code *} any run, {@code ?} one character. */
  public Rule keyPattern(String glob) {
    return condition("key_pattern", glob);
  }

  /** Only requests that carry this header (with any value). */
  public Rule header(String name) {
    conditions().addObject().put("type", "header").put("name", name);
    return this;
  }

  public Rule header(String name, String value) {
    conditions().addObject().put("type", "header").put("name", name).put("value", value);
    return this;
  }

  /** The share of otherwise matching requests hit, in [0, 1]. */
  public Rule probability(double p) {
    conditions().addObject().put("type", "probability").put("value", p);
    return this;
  }

  /** Only the first {@code n} matching requests. */
  public Rule firstN(int n) {
    conditions().addObject().put("type", "first_n").put("value", n);
    return this;
  }

  public Rule everyNth(int n) {
    conditions().addObject().put("type", "every_nth").put("value", n);
    return this;
  }

  /** Only these network links of the process (kafka, postgres, redis, storage-node-2, ...); for link actions. */
  public Rule link(String... links) {
    return condition("link", String.join(",", links));
  }

  /** Only in one process of the service, e.g. node-1. */
  public Rule instance(String instance) {
    return condition("instance", instance);
  }

  /** Only between these instants (either may be null). */
  public Rule between(Instant from, Instant until) {
    ObjectNode c = conditions().addObject().put("type", "time_window");
    if (from != null) {
      c.put("from", from.toString());
    }
    if (until != null) {
      c.put("until", until.toString());
    }
    return this;
  }

  /** The rule removes itself this long after it was added. */
  public Rule ttl(Duration ttl) {
    json.put("ttl", millis(ttl));
    return this;
  }

  public Rule priority(int priority) {
    json.put("priority", priority);
    return this;
  }

  public Rule scenario(String scenario) {
    json.put("scenario", scenario);
    return this;
  }

  /** Makes its probability draws reproducible: same seed, same request sequence, same decisions. */
  public Rule seed(long seed) {
    json.put("seed", seed);
    return this;
  }

  public Rule enabled(boolean enabled) {
    json.put("enabled", enabled);
    return this;
  }

  /** An http_error's S3 error code, e.g. SlowDown. */
  public Rule errorCode(String code) {
    return actionField("error_code", code);
  }

  /** An http_error's message. */
  public Rule message(String message) {
    return actionField("message", message);
  }

  /** Any field of the action, by its JSON name (e.g. {@code corrupt_bytes}). */
  public Rule actionField(String field, Object value) {
    ObjectNode action = json.has("action") ? (ObjectNode) json.get("action") : json.putObject("action");
    action.set(field, ControlPlane.JSON.valueToTree(value));
    return this;
  }

  /** The rule's name (as it will be sent). */
  public String name() {
    return json.path("name").asString(null);
  }

  /** The JSON the control plane receives. */
  public String toJson() {
    return ControlPlane.json(json);
  }

  @Override
  public String toString() {
    return toJson();
  }

  ObjectNode tree() {
    return json.deepCopy();
  }

  private Rule condition(String type, String value) {
    conditions().addObject().put("type", type).put("value", value);
    return this;
  }

  private ArrayNode conditions() {
    return json.has("conditions") ? (ArrayNode) json.get("conditions") : json.putArray("conditions");
  }

  static String millis(Duration d) {
    return Objects.requireNonNull(d, "duration").toMillis() + "ms";
  }
}
