package io.mocks3.client;

/**
 * A dead-letter topic.
 *
 * @param waiting records not yet re-driven or purged
 * @param total records it ever held
 */
public record DeadLetterTopic(String topic, long waiting, long total) {}
