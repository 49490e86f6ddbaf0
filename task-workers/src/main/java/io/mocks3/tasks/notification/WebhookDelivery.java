package io.mocks3.tasks.notification;

import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.faults.agent.ChaosGate;
import io.mocks3.faults.agent.ConsumedRecord;
import io.mocks3.schemas.fault.FaultSubject;
import io.mocks3.schemas.DeadLetters;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.notification.NotificationConfiguration;
import io.mocks3.schemas.notification.S3Event;
import io.mocks3.tasks.TaskAttempts;
import io.mocks3.tasks.TaskRecords;
import io.mocks3.tasks.TaskRetries;
import io.mocks3.tasks.UnreadableTask;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Delivers S3 event notifications to webhook destinations ({@code arn:mocks3:webhook:::<url>}),
 * at least once: each record of {@code mocks3.notifications} for such a destination is POSTed as
 * S3's event JSON; a failure (connection error, timeout, any non-2xx answer) is retried through
 * the retry topics with exponential back-off, and after the last attempt the record goes to
 * {@code mocks3.notifications.dlq} in MockS3's dead-letter format, naming the error, where it can be
 * inspected and re-driven. Records for other destinations are only on the topic; nothing to do.
 * A chaos topic on {@code mocks3.notifications} (consumer {@value #CONSUMER}) loses, duplicates,
 * delays or dead-letters deliveries, as it does to any consumer.
 */
@Component
class WebhookDelivery {
  private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
  static final String GROUP = "mocks3-webhook-delivery";
  /** The consumer name chaos topics on mocks3.notifications match ({@code consumer}). */
  static final String CONSUMER = "webhook-delivery";

  private final HttpClient http;
  private final Duration timeout;
  private final MeterRegistry meters;
  private final KafkaTemplate<String, String> kafka;
  private final FaultAgent faults;
  private final ChaosGate chaos;
  private final TaskAttempts attempts;

  WebhookDelivery(WebhookProperties properties, MeterRegistry meters, KafkaTemplate<String, String> kafka,
      ObjectProvider<FaultAgent> faults, TaskAttempts attempts) {
    this.attempts = attempts;
    this.timeout = properties.timeout();
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    this.meters = meters;
    this.kafka = kafka;
    this.faults = faults.getIfAvailable();
    this.chaos = new ChaosGate(this.faults, CONSUMER);
    // Registered at 0, so dashboards show a flat line rather than no data.
    meters.counter("notifications.delivered", "task", "webhook");
    meters.counter("errors", "service", "task-workers", "source", "webhook");
  }

  @TaskRetries
  @KafkaListener(topics = Topics.NOTIFICATIONS, groupId = GROUP)
  void deliver(ConsumerRecord<String, String> record) throws Exception {
    if (!isEvent(record.value())) {
      // A poison record: no retry can make it readable, so it goes straight to the dead-letter topic.
      throw new UnreadableTask("undeserializable: not an S3 event notification (JSON with Records)");
    }
    String arn = TaskRecords.header(record, S3Event.DESTINATION_HEADER);
    String url = NotificationConfiguration.webhookUrl(arn);
    if (url == null) {
      return;
    }
    if (!record.topic().equals(Topics.NOTIFICATIONS)) {
      post(record, url, arn); // a retry: chaos acted where the record was first consumed
      return;
    }
    chaos.admit(ConsumedRecord.of(record, subject(record)), () -> post(record, url, arn), cause -> deadLetter(record, cause));
  }

  /** A chaos dead-letter: to the DLQ at once, with the headers every MockS3 dead letter carries. */
  private void deadLetter(ConsumerRecord<String, String> record, DeadLetters.Cause cause) throws Exception {
    Headers headers = DeadLetters.describe(record.headers(), DeadLetters.Origin.of(record, CONSUMER, GROUP), cause);
    kafka.send(new ProducerRecord<>(Topics.deadLetterOf(Topics.NOTIFICATIONS), null, record.key(), record.value(), headers)).get();
  }

  private void post(ConsumerRecord<String, String> record, String url, String arn) throws IOException, InterruptedException {
    int attempt = TaskRecords.attempt(record);
    attempts.started(record, "webhook");
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("x-mocks3-destination", arn)
        .POST(HttpRequest.BodyPublishers.ofString(record.value(), StandardCharsets.UTF_8));
    String configurationId = TaskRecords.header(record, S3Event.CONFIGURATION_ID_HEADER);
    if (configurationId != null) {
      request.header("x-mocks3-configuration-id", configurationId);
    }
    try {
      injectTaskFault(record, url);
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        throw new WebhookRejected(url + " answered " + status);
      }
    } catch (IOException | WebhookRejected | InjectedFault e) {
      meters.counter("errors", "service", "task-workers", "source", "webhook").increment();
      log.warn("webhook delivery to {} failed (attempt {}): {}", url, attempt, e.getMessage());
      throw e;
    }
    meters.counter("notifications.delivered", "task", "webhook").increment();
  }

  /**
   * The {@code tasks} fault point (operation DeliverWebhook, bucket = the record's): a delay is a
   * slow attempt, an error a failed one, retried and finally dead-lettered like any other failure.
   */
  private void injectTaskFault(ConsumerRecord<String, String> record, String url) {
    if (faults != null && faults.armed()) {
      faults.apply(new FaultTarget("tasks", "tasks", "DeliverWebhook", record.key(), null, null, "tasks DeliverWebhook " + url));
    }
  }

  /** The object a notification is about (its first record: MockS3 sends one event per record). */
  private static FaultSubject subject(ConsumerRecord<String, String> record) {
    try {
      S3Event.Record first = Json.mapper().readValue(record.value(), S3Event.class).records().get(0);
      String key = java.net.URLDecoder.decode(first.s3().object().key(), java.nio.charset.StandardCharsets.UTF_8);
      return new FaultSubject("DeliverWebhook", first.s3().bucket().name(), key, first.s3().object().versionId(), null,
          null);
    } catch (RuntimeException e) { // JacksonException included
      return new FaultSubject("DeliverWebhook", record.key(), null, null, null, null);
    }
  }

  private static boolean isEvent(String value) {
    try {
      return value != null && Json.mapper().readTree(value).has("Records");
    } catch (JacksonException e) {
      return false;
    }
  }

  /** A webhook answered, but not with 2xx. */
  static final class WebhookRejected extends RuntimeException {
    WebhookRejected(String message) {
      super(message);
    }
  }
}
