package io.mocks3.tasks.origin;

import tools.jackson.databind.JsonNode;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.Topics;
import io.mocks3.tasks.TaskAttempts;
import io.mocks3.tasks.TaskRetries;
import io.mocks3.tasks.UnreadableTask;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * The two ways into origin back-fill. {@code POST /origin/fetch {"bucket", "key"}} is the gateway's
 * GET that missed, waiting for the answer: 200 stored, 404 not at the origin, 429 throttled, 503
 * the origin unavailable (failed or its circuit open). A fetch that could not be done now is also
 * put on {@code mocks3.tasks.origin}, where it is retried with back-off and, after the last
 * attempt, waits in {@code mocks3.tasks.origin.dlq} to be re-driven: the object arrives once the
 * origin is back, whether or not a client asks again.
 */
@RestController
class OriginBackfill {
  private static final Logger log = LoggerFactory.getLogger(OriginBackfill.class);
  private final OriginFetcher fetcher;
  private final KafkaTemplate<String, String> kafka;
  private final TaskAttempts attempts;

  OriginBackfill(OriginFetcher fetcher, KafkaTemplate<String, String> kafka, TaskAttempts attempts) {
    this.fetcher = fetcher;
    this.kafka = kafka;
    this.attempts = attempts;
  }

  /** One key to back-fill. */
  record Request(String bucket, String key) {}

  @PostMapping("/origin/fetch")
  ResponseEntity<Map<String, String>> fetch(@RequestBody Request request) {
    if (request.bucket() == null || request.key() == null) {
      return ResponseEntity.badRequest().body(Map.of("message", "bucket and key are required"));
    }
    OriginFetcher.Result result = fetcher.fetch(request.bucket(), request.key());
    int status = switch (result.outcome()) {
      case STORED -> 200;
      case NOT_FOUND -> 404;
      case THROTTLED -> 429;
      case CIRCUIT_OPEN, FAILED -> 503;
    };
    if (status == 429 || status == 503) {
      queue(request);
    }
    return ResponseEntity.status(status).body(Map.of("outcome", result.outcome().name(), "message", result.message()));
  }

  private void queue(Request request) {
    kafka.send(Topics.TASKS_ORIGIN, request.bucket() + "/" + request.key(), Json.mapper().writeValueAsString(request));
  }

  @TaskRetries
  @KafkaListener(topics = Topics.TASKS_ORIGIN, groupId = "mocks3-origin-backfill")
  void backfill(ConsumerRecord<String, String> record) {
    Request request = read(record);
    attempts.started(record, "origin");
    OriginFetcher.Result result = fetcher.fetch(request.bucket(), request.key());
    switch (result.outcome()) {
      case STORED, NOT_FOUND -> log.info("origin back-fill of {}/{}: {}", request.bucket(), request.key(), result.message());
      default -> throw new IllegalStateException("origin back-fill of " + request.bucket() + "/" + request.key() + " "
          + result.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + result.message());
    }
  }

  private static Request read(ConsumerRecord<String, String> record) {
    try {
      JsonNode node = Json.mapper().readTree(record.value());
      if (!node.path("bucket").isString() || !node.path("key").isString()) {
        throw new UnreadableTask("an origin task needs bucket and key: " + record.value());
      }
      return new Request(node.path("bucket").asString(), node.path("key").asString());
    } catch (JacksonException e) {
      throw new UnreadableTask("undeserializable: not an origin task: " + e.getMessage());
    }
  }
}
