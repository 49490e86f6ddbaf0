package io.mocks3.client;

import tools.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chaos on one topic's consumers: each record a consumer takes is lost, duplicated, dead-lettered,
 * reordered or delayed with the given probabilities.
 * {@code mocks3.chaos("mocks3.commands").loss(0.05).duplicate(0.02).seed(7).apply()} sets it;
 * {@link #on(String)} builds one for a {@link RunSpec}. Not thread-safe.
 */
public final class Chaos {
  private final String topic;
  private final ControlPlane plane;
  private final ObjectNode json = ControlPlane.JSON.createObjectNode();

  Chaos(String topic, ControlPlane plane) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.plane = plane;
  }

  /** A chaos setting for {@link RunSpec#chaos}, not bound to a control plane. */
  public static Chaos on(String topic) {
    return new Chaos(topic, null);
  }

  public String topic() {
    return topic;
  }

  /** The share of records consumed and never applied. */
  public Chaos loss(double rate) {
    json.put("loss_rate", rate);
    return this;
  }

  /** The share of records applied twice. */
  public Chaos duplicate(double rate) {
    json.put("duplicate_rate", rate);
    return this;
  }

  /** The share of records set aside in the topic's .dlq (topics whose consumers own what they consume). */
  public Chaos deadLetter(double rate) {
    json.put("dead_letter_rate", rate);
    return this;
  }

  /** The share of records held back and applied after the next {@code window} records (mocks3.commands). */
  public Chaos reorder(double rate, int window) {
    json.put("reorder_rate", rate);
    json.put("reorder_window", window);
    return this;
  }

  /** The share of records applied {@code delay} late. */
  public Chaos delay(Duration delay, double rate) {
    json.put("delay", Rule.millis(delay));
    json.put("delay_rate", rate);
    return this;
  }

  /** Only this consumer of the topic, e.g. metadata-projector or storage-node-1. */
  public Chaos consumer(String consumer) {
    json.put("consumer", consumer);
    return this;
  }

  /** Only records with this key (for mocks3.commands: the bucket). */
  public Chaos keyFilter(String key) {
    json.put("key_filter", key);
    return this;
  }

  /** Makes the draws reproducible for the same record sequence. */
  public Chaos seed(long seed) {
    json.put("seed", seed);
    return this;
  }

  /** It ends by itself this long after it was applied. */
  public Chaos ttl(Duration ttl) {
    json.put("ttl", Rule.millis(ttl));
    return this;
  }

  /** Replaces the topic's chaos with this one and returns once it is in force; a 400 names what is wrong. */
  public ChaosTopic apply() {
    return plane().convert(plane().change("PUT", path(), json), ChaosTopic.class);
  }

  /** The topic's chaos in force, or empty. */
  public Optional<ChaosTopic> show() {
    try {
      return Optional.of(plane().convert(plane().get(path()), ChaosTopic.class));
    } catch (MockS3ControlException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Ends the topic's chaos (if any) and returns once that is in force. */
  public void clear() {
    if (show().isPresent()) {
      plane().change("DELETE", path(), null);
    }
  }

  /**
   * Appends {@code count} (1 to 1000) undeserializable records under {@code key} (null: none) to the
   * topic, which its consumers must dead-letter.
   */
  public Poisoned poison(int count, String key) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("count", count);
    body.put("key", key);
    return plane().convert(plane().send("POST", path() + "/poison", body), Poisoned.class);
  }

  /** The JSON the control plane receives (without the topic, which is in the path). */
  public String toJson() {
    return ControlPlane.json(json);
  }

  ObjectNode tree() {
    return json.deepCopy();
  }

  private String path() {
    return "/api/v1/chaos/topics/" + topic;
  }

  private ControlPlane plane() {
    if (plane == null) {
      throw new IllegalStateException("Chaos.on(topic) only describes chaos for a RunSpec; apply it with mocks3.chaos(topic)");
    }
    return plane;
  }
}
