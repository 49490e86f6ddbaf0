package io.mocks3.tasks.lifecycle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifecycle expiration ({@code mocks3.lifecycle.*}).
 *
 * @param interval how often the expiry sweep runs
 * @param dayLength how long a lifecycle "day" is: 24h as in S3; a test sets seconds to see rules act
 */
@ConfigurationProperties("mocks3.lifecycle")
public record LifecycleProperties(@DefaultValue("10m") Duration interval, @DefaultValue("24h") Duration dayLength) {}
