package io.mocks3.projector;

import io.mocks3.kafkaconfig.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the metadata projector ({@code mocks3.*}).
 *
 * @param kafka where the broker is
 * @param applicationId Kafka Streams application id (consumer group and state-store prefix)
 * @param stateDir where Streams keeps its local stores
 * @param instanceId this instance's name in the Streams group (static membership); unique per instance
 * @param commitInterval how often Streams commits its transaction; every strong-mode write waits
 *     for one commit, so this bounds write latency
 */
@ConfigurationProperties("mocks3")
public record ProjectorProperties(KafkaSettings kafka, String applicationId, String instanceId, Path stateDir, Duration commitInterval) {}
