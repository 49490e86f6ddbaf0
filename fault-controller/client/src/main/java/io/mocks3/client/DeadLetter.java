package io.mocks3.client;

import java.util.Map;

/**
 * One record waiting in a dead-letter topic.
 *
 * @param headers why and whence: MockS3's {@code x-mocks3-*} headers and spring-kafka's original topic and exception
 * @param value the record's value as text
 */
public record DeadLetter(int partition, long offset, String key, Map<String, String> headers, String value) {}
