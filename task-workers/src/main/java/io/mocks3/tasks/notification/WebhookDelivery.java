package io.mocks3.tasks.notification;

import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.notification.NotificationConfiguration;
import io.mocks3.schemas.notification.S3Event;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.DltHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Delivers S3 event notifications to webhook destinations ({@code arn:mocks3:webhook:::<url>}),
 * at least once: each record of {@code mocks3.notifications} for such a destination is POSTed as
 * S3's event JSON; a failure (connection error, timeout, any non-2xx answer) is retried through
 * the retry topics with exponential back-off, and after the last attempt the record goes to
 * {@code mocks3.notifications.dlq} with spring-kafka's headers naming the error, where it can be
 * inspected and re-driven. Records for other destinations are only on the topic; nothing to do.
 */
@Component
class WebhookDelivery {
  private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
  static final String GROUP = "mocks3-webhook-delivery";

  private final HttpClient http;
  private final Duration timeout;
  private final MeterRegistry meters;

  WebhookDelivery(WebhookProperties properties, MeterRegistry meters) {
    this.timeout = properties.timeout();
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    this.meters = meters;
  }

  @RetryableTopic(
      attempts = "${mocks3.webhooks.attempts:4}",
      backOff = @BackOff(delayString = "${mocks3.webhooks.initial-delay-ms:1000}",
          multiplierString = "${mocks3.webhooks.multiplier:2}", maxDelayString = "${mocks3.webhooks.max-delay-ms:30000}"),
      retryTopicSuffix = ".retry",
      dltTopicSuffix = ".dlq",
      topicSuffixingStrategy = TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE,
      numPartitions = "3",
      replicationFactor = "${mocks3.webhooks.replication-factor:1}")
  @KafkaListener(topics = Topics.NOTIFICATIONS, groupId = GROUP)
  void deliver(ConsumerRecord<String, String> record) throws IOException, InterruptedException {
    String arn = header(record, S3Event.DESTINATION_HEADER);
    String url = NotificationConfiguration.webhookUrl(arn);
    if (url == null) {
      return;
    }
    int attempt = attempt(record);
    if (attempt > 1) {
      meters.counter("retry.attempts", "task", "webhook").increment();
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("x-mocks3-destination", arn)
        .POST(HttpRequest.BodyPublishers.ofString(record.value(), StandardCharsets.UTF_8));
    String configurationId = header(record, S3Event.CONFIGURATION_ID_HEADER);
    if (configurationId != null) {
      request.header("x-mocks3-configuration-id", configurationId);
    }
    try {
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        throw new WebhookRejected(url + " answered " + status);
      }
    } catch (IOException | WebhookRejected e) {
      meters.counter("notifications.delivery.failures", "task", "webhook").increment();
      log.warn("webhook delivery to {} failed (attempt {}): {}", url, attempt, e.getMessage());
      throw e;
    }
    meters.counter("notifications.delivered", "task", "webhook").increment();
  }

  @DltHandler
  void deadLettered(ConsumerRecord<String, String> record,
      @Header(name = KafkaHeaders.EXCEPTION_MESSAGE, required = false) String error) {
    meters.counter("dead.letters", "topic", Topics.NOTIFICATIONS).increment();
    log.error("webhook notification for {} dead-lettered to {} after its last attempt: {}",
        header(record, S3Event.DESTINATION_HEADER), record.topic(), error);
  }

  /** Which delivery attempt this is: 1 on the main topic, then as the retry topics count. */
  private static int attempt(ConsumerRecord<String, String> record) {
    org.apache.kafka.common.header.Header attempts = record.headers().lastHeader("retry_topic-attempts");
    if (attempts == null || attempts.value().length != 4) {
      return 1;
    }
    return java.nio.ByteBuffer.wrap(attempts.value()).getInt();
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    org.apache.kafka.common.header.Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** A webhook answered, but not with 2xx. */
  static final class WebhookRejected extends RuntimeException {
    WebhookRejected(String message) {
      super(message);
    }
  }
}
