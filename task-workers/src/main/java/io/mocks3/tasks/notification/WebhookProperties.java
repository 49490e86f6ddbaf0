package io.mocks3.tasks.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery ({@code mocks3.webhooks.*}); retried as every task is ({@link io.mocks3.tasks.TaskRetries}).
 *
 * @param timeout connect and response timeout of one POST
 */
@ConfigurationProperties("mocks3.webhooks")
public record WebhookProperties(@DefaultValue("5s") Duration timeout) {}
