package io.mocks3.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Chaos in force on one topic's consumers, as the control plane holds it. Rates are probabilities
 * per record; null when not set.
 *
 * @param consumer only this consumer (e.g. metadata-projector); null for all of the topic's
 * @param keyFilter only records with this key (for commands: the bucket); null for all
 * @param expiresAt when it ends by itself; null for never
 */
public record ChaosTopic(
    String topic,
    @JsonProperty("loss_rate") Double lossRate,
    @JsonProperty("duplicate_rate") Double duplicateRate,
    @JsonProperty("dead_letter_rate") Double deadLetterRate,
    @JsonProperty("reorder_rate") Double reorderRate,
    @JsonProperty("reorder_window") Integer reorderWindow,
    @JsonProperty("delay_rate") Double delayRate,
    String delay,
    String consumer,
    @JsonProperty("key_filter") String keyFilter,
    Long seed,
    String ttl,
    Instant createdAt,
    Instant expiresAt) {}
