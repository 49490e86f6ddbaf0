package io.mocks3.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What {@link Chaos#poison} appended.
 *
 * @param records the positions, each "topic/partition@offset"
 * @param deadLetterTopic where the consumers must set them aside
 */
public record Poisoned(int poisoned, List<String> records, @JsonProperty("dead_letter_topic") String deadLetterTopic) {}
