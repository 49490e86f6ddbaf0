package io.mocks3.schemas.fault;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Chaos on one topic, at its consumers (key {@code chaos:<topic>} in {@code mocks3.faults}). Each
 * record a consumer takes is, independently of the others and with these probabilities: lost
 * (consumed and never applied), dead-lettered (moved to the topic's {@code .dlq} with headers
 * saying why), duplicated (applied twice), reordered (held back and applied after the next
 * {@code reorderWindow} records) or passed; and separately delayed.
 *
 * @param consumer only this consumer (e.g. metadata-projector); null for every consumer of the topic
 * @param keyFilter only records whose key is this (for commands: the bucket); null for all
 * @param seed makes the draws reproducible for the same record sequence
 * @param reorderWindow how many later records overtake a reordered one (default 1)
 * @param ttl how long it lives after it was created ("30s", "5m"); null for ever (unless {@code expiresAt})
 * @param expiresAt when the agents stop applying it (set by the controller from {@code ttl}, or a
 *     scenario's deadline): a chaos topic whose controller is gone still ends
 */
public record ChaosTopic(
    String topic,
    @JsonProperty("loss_rate") Double lossRate,
    @JsonProperty("duplicate_rate") Double duplicateRate,
    @JsonProperty("dead_letter_rate") Double deadLetterRate,
    @JsonProperty("delay_rate") Double delayRate,
    String delay,
    String consumer,
    @JsonProperty("key_filter") String keyFilter,
    Long seed,
    Instant createdAt,
    @JsonProperty("reorder_rate") Double reorderRate,
    @JsonProperty("reorder_window") Integer reorderWindow,
    String ttl,
    Instant expiresAt) {

  /** Without reordering. */
  public ChaosTopic(String topic, Double lossRate, Double duplicateRate, Double deadLetterRate, Double delayRate, String delay,
      String consumer, String keyFilter, Long seed, Instant createdAt) {
    this(topic, lossRate, duplicateRate, deadLetterRate, delayRate, delay, consumer, keyFilter, seed, createdAt, null, null);
  }

  /** Without an end. */
  public ChaosTopic(String topic, Double lossRate, Double duplicateRate, Double deadLetterRate, Double delayRate, String delay,
      String consumer, String keyFilter, Long seed, Instant createdAt, Double reorderRate, Integer reorderWindow) {
    this(topic, lossRate, duplicateRate, deadLetterRate, delayRate, delay, consumer, keyFilter, seed, createdAt, reorderRate,
        reorderWindow, null, null);
  }

  /** How many later records overtake a reordered one. */
  public int window() {
    return reorderWindow == null ? 1 : reorderWindow;
  }

  public static double rate(Double value) {
    return value == null ? 0 : value;
  }

  /** Whether it acts on the records {@code name} consumes: every consumer's when it names none. */
  public boolean actsOn(String name) {
    return consumer == null || consumer.equals(name);
  }

  /** True once {@code now} reached its expiry: agents apply it no more. */
  public boolean expired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /**
   * This configuration on {@code topicName}, created at {@code created}; it expires {@code ttl}
   * later, or never without one. The ttl must have been validated ({@link Durations#parse}).
   */
  public ChaosTopic on(String topicName, Instant created) {
    return new ChaosTopic(topicName, lossRate, duplicateRate, deadLetterRate, delayRate, delay, consumer, keyFilter, seed,
        created, reorderRate, reorderWindow, ttl, ttl == null ? null : created.plus(Durations.parse(ttl)));
  }

  /** This configuration ending at {@code expires} (e.g. its scenario's deadline), whatever its ttl said. */
  public ChaosTopic until(Instant expires) {
    String lifetime = createdAt == null ? null : java.time.Duration.between(createdAt, expires).toMillis() + "ms";
    return new ChaosTopic(topic, lossRate, duplicateRate, deadLetterRate, delayRate, delay, consumer, keyFilter, seed,
        createdAt, reorderRate, reorderWindow, lifetime, expires);
  }
}
