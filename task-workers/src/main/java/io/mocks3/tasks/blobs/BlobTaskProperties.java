package io.mocks3.tasks.blobs;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Garbage collection and replica repair of blobs ({@code mocks3.blob-tasks.*}).
 *
 * @param interval how often the sweep asks the projector's consistency report for orphans and missing blobs
 * @param grace how long a blob nothing references stays before it is collected (an upload whose
 *     command is not projected yet must never be collected)
 * @param projectorUrl where the metadata projector serves {@code /admin/consistency}
 * @param projectorGroup the projector's consumer group: nothing is collected while it has commands to project
 */
@ConfigurationProperties("mocks3.blob-tasks")
public record BlobTaskProperties(Duration interval, Duration grace, URI projectorUrl, String projectorGroup) {}
