package io.mocks3.storage;

import io.mocks3.kafkaconfig.KafkaSettings;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of a storage node ({@code mocks3.*}).
 *
 * @param kafka where the broker is
 * @param nodeId this node's name; also its consumer group, so every node gets every blob
 * @param dataDir root of this node's blobs; nothing is written outside it
 */
@ConfigurationProperties("mocks3")
public record StorageNodeProperties(KafkaSettings kafka, String nodeId, Path dataDir) {}
