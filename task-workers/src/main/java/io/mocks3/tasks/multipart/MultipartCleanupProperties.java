package io.mocks3.tasks.multipart;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The abandoned-upload sweep ({@code mocks3.multipart-cleanup.*}).
 *
 * @param after an upload initiated longer ago than this is abandoned
 * @param interval how often the sweep runs
 */
@ConfigurationProperties("mocks3.multipart-cleanup")
public record MultipartCleanupProperties(@DefaultValue("24h") Duration after, @DefaultValue("5m") Duration interval) {}
