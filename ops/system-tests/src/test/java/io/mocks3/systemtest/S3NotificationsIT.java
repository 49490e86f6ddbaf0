package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import io.mocks3.schemas.Json;

/**
 * Bucket notifications through the AWS SDK for Java v2: the configuration round-trips and is
 * validated, writes send S3-shaped events to {@code mocks3.notifications} (read here with a real
 * Kafka consumer), and the task workers POST those of webhook destinations, with retries and a
 * dead-letter topic.
 */
@ExtendWith(LocalStackExtension.class)
class S3NotificationsIT {
  private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:uploads";
  private static S3Client s3;

  @BeforeAll
  static void setUp() {
    s3 = Clients.s3();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private static NotificationConfiguration uploadsUnder(String prefix) {
    return NotificationConfiguration.builder().queueConfigurations(QueueConfiguration.builder()
        .id("uploads").queueArn(QUEUE).events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED_DELETE)
        .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.PREFIX).value(prefix))))
        .build()).build();
  }

  @Test
  void theConfigurationRoundTripsAndBadEventsAreRejected() {
    String bucket = "notify-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
    assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).queueConfigurations()).isEmpty();

    s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(uploadsUnder("in/")));
    var stored = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket));
    assertThat(stored.queueConfigurations()).singleElement().satisfies(q -> {
      assertThat(q.id()).isEqualTo("uploads");
      assertThat(q.queueArn()).isEqualTo(QUEUE);
      assertThat(q.eventsAsStrings()).containsExactly("s3:ObjectCreated:*", "s3:ObjectRemoved:Delete");
      assertThat(q.filter().key().filterRules()).singleElement()
          .satisfies(r -> assertThat(r.value()).isEqualTo("in/"));
    });

    S3Exception bad = catchThrowableOfType(S3Exception.class, () -> s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
        .notificationConfiguration(n -> n.queueConfigurations(q -> q.queueArn(QUEUE).eventsWithStrings("s3:ObjectEaten:*")))));
    assertThat(bad.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
    assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).queueConfigurations()).hasSize(1);

    // An empty configuration switches notifications off.
    s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> { }));
    assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).queueConfigurations()).isEmpty();
  }

  @Test
  void writesUnderThePrefixSendS3EventsToTheNotificationsTopic() throws Exception {
    String bucket = "notify-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
    s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(uploadsUnder("in/")));
    s3.putObject(b -> b.bucket(bucket).key("in/report 1.csv"), RequestBody.fromString("a,b"));
    s3.putObject(b -> b.bucket(bucket).key("out/ignored.csv"), RequestBody.fromString("x"));
    s3.deleteObject(b -> b.bucket(bucket).key("in/report 1.csv"));

    List<JsonNode> events = notificationsOf(bucket, 2);
    assertThat(events).extracting(e -> e.at("/Records/0/eventName").asString())
        .containsExactly("ObjectCreated:Put", "ObjectRemoved:Delete");
    JsonNode created = events.get(0).at("/Records/0");
    assertThat(created.at("/eventSource").asString()).isEqualTo("aws:s3");
    assertThat(created.at("/s3/configurationId").asString()).isEqualTo("uploads");
    assertThat(created.at("/s3/bucket/name").asString()).isEqualTo(bucket);
    assertThat(created.at("/s3/object/key").asString()).isEqualTo("in/report+1.csv");
    assertThat(created.at("/s3/object/size").asLong()).isEqualTo(3);
    assertThat(created.at("/s3/object/eTag").asString()).isNotBlank();
  }

  /** The events of {@code bucket} on the notifications topic, once {@code expected} arrived and 1 s more brought no others. */
  private static List<JsonNode> notificationsOf(String bucket, int expected) throws Exception {
    ObjectMapper json = Json.mapper();
    List<JsonNode> found = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records("mocks3.notifications", bucket, expected, Duration.ofSeconds(30))) {
      assertThat(new String(r.headers().lastHeader("mocks3-destination").value(), StandardCharsets.UTF_8)).isEqualTo(QUEUE);
      found.add(json.readTree(r.value()));
    }
    return found;
  }

  /**
   * Reads {@code topic} from its start for records keyed {@code key}: until {@code expected} arrived
   * and then 1 s more (so extra ones would show), or until {@code within} has passed.
   */
  private static List<ConsumerRecord<String, String>> records(String topic, String key, int expected, Duration within) {
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackExtension.layout().kafkaBootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, "notifications-it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + within.toNanos();
      long settle = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, settle)) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(r.key())) {
            found.add(r);
          }
        }
        if (found.size() >= expected && settle == Long.MAX_VALUE) {
          settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return found;
  }

  @Test
  void aWebhookThatFailsIsRetriedWithBackOffAndOneThatNeverRecoversIsDeadLettered() throws Exception {
    // /flaky fails twice and then accepts; /down always fails.
    AtomicInteger flakyCalls = new AtomicInteger();
    List<String> delivered = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/flaky", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      boolean accept = flakyCalls.incrementAndGet() > 2;
      if (accept) {
        delivered.add(new String(body, StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(accept ? 204 : 500, -1);
      exchange.close();
    });
    server.createContext("/down", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.start();
    try {
      String base = "arn:mocks3:webhook:::http://127.0.0.1:" + server.getAddress().getPort();
      String bucket = "notify-" + UUID.randomUUID().toString().substring(0, 8);
      s3.createBucket(b -> b.bucket(bucket));
      s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n
          .queueConfigurations(q -> q.id("flaky").queueArn(base + "/flaky").events(Event.S3_OBJECT_CREATED)
              .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.PREFIX).value("a/")))),
              q -> q.id("down").queueArn(base + "/down").events(Event.S3_OBJECT_CREATED)
              .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.PREFIX).value("b/")))))));
      s3.putObject(b -> b.bucket(bucket).key("a/one.txt"), RequestBody.fromString("1"));
      s3.putObject(b -> b.bucket(bucket).key("b/two.txt"), RequestBody.fromString("2"));

      await().atMost(Duration.ofSeconds(60)).until(() -> !delivered.isEmpty());
      assertThat(flakyCalls.get()).as("two failures, then the delivery").isEqualTo(3);
      JsonNode event = Json.mapper().readTree(delivered.get(0));
      assertThat(event.at("/Records/0/s3/object/key").asString()).isEqualTo("a/one.txt");
      assertThat(event.at("/Records/0/s3/configurationId").asString()).isEqualTo("flaky");

      List<ConsumerRecord<String, String>> deadLetters = records("mocks3.notifications.dlq", bucket, 1, Duration.ofSeconds(60));
      assertThat(deadLetters).as("the always-failing delivery, dead-lettered").hasSize(1);
      ConsumerRecord<String, String> dead = deadLetters.get(0);
      assertThat(new String(dead.headers().lastHeader("mocks3-destination").value(), StandardCharsets.UTF_8))
          .isEqualTo(base + "/down");
      // spring-kafka's dead-letter headers: why, and where the record came from.
      assertThat(new String(dead.headers().lastHeader("kafka_exception-message").value(), StandardCharsets.UTF_8))
          .contains("503");
      assertThat(new String(dead.headers().lastHeader("kafka_original-topic").value(), StandardCharsets.UTF_8))
          .startsWith("mocks3.notifications");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void chaosOnTheNotificationsTopicDuplicatesAndDeadLettersWebhookDeliveries() throws Exception {
    Map<String, AtomicInteger> deliveries = new java.util.concurrent.ConcurrentHashMap<>();
    ObjectMapper json = Json.mapper();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      String key = json.readTree(exchange.getRequestBody().readAllBytes()).at("/Records/0/s3/object/key").asString();
      deliveries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    String bucket = "notify-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      s3.createBucket(b -> b.bucket(bucket));
      String arn = "arn:mocks3:webhook:::http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
      s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n
          .queueConfigurations(q -> q.queueArn(arn).events(Event.S3_OBJECT_CREATED))));

      // Duplication: the object is stored once, its notification arrives twice.
      FaultControl.change("PUT", "/api/v1/chaos/topics/mocks3.notifications",
          "{\"duplicate_rate\": 1.0, \"key_filter\": \"" + bucket + "\"}");
      s3.putObject(b -> b.bucket(bucket).key("twice.txt"), RequestBody.fromString("x"));
      await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.containsKey("twice.txt")
          && deliveries.get("twice.txt").get() == 2);
      assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(1);

      // Dead-lettering: nothing is delivered until the DLQ is re-driven.
      FaultControl.change("PUT", "/api/v1/chaos/topics/mocks3.notifications",
          "{\"dead_letter_rate\": 1.0, \"key_filter\": \"" + bucket + "\"}");
      s3.putObject(b -> b.bucket(bucket).key("later.txt"), RequestBody.fromString("y"));
      await().atMost(Duration.ofSeconds(20)).until(() -> FaultControl.call("GET", "/api/v1/dlq/mocks3.notifications.dlq", null)
          .body().contains("later.txt"));
      assertThat(deliveries).doesNotContainKey("later.txt");
      FaultControl.change("DELETE", "/api/v1/chaos/topics/mocks3.notifications", null);
      assertThat(FaultControl.call("POST", "/api/v1/dlq/mocks3.notifications.dlq/redrive", null).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.containsKey("later.txt"));
      assertThat(deliveries.get("later.txt").get()).isEqualTo(1);
    } finally {
      FaultControl.clear();
      server.stop(0);
    }
  }

  @Test
  void injectedTaskFailuresAreRetriedAndExhaustedRetriesEndInTheDlq() throws Exception {
    List<String> delivered = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      delivered.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    String flaky = "tasks-" + UUID.randomUUID().toString().substring(0, 8);
    String broken = flaky + "-x";
    try {
      String arn = "arn:mocks3:webhook:::http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
      for (String bucket : List.of(flaky, broken)) {
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> n
            .queueConfigurations(q -> q.queueArn(arn).events(Event.S3_OBJECT_CREATED))));
      }
      // The endpoint is healthy; the task worker's own attempts fail: twice in one bucket, always in the other.
      String twice = FaultControl.createRule("{\"name\": \"flaky task\", \"service\": \"tasks\", \"conditions\": ["
          + "{\"type\": \"operation\", \"value\": \"DeliverWebhook\"}, {\"type\": \"bucket\", \"value\": \"" + flaky + "\"},"
          + "{\"type\": \"first_n\", \"value\": 2}], \"action\": {\"type\": \"http_error\", \"http_code\": 500,"
          + " \"message\": \"worker crashed mid-task\"}}");
      FaultControl.createRule("{\"name\": \"broken task\", \"service\": \"tasks\", \"conditions\": ["
          + "{\"type\": \"bucket\", \"value\": \"" + broken + "\"}], \"action\": {\"type\": \"http_error\","
          + " \"http_code\": 500, \"message\": \"worker crashed mid-task\"}}");
      s3.putObject(b -> b.bucket(flaky).key("eventually.txt"), RequestBody.fromString("1"));
      s3.putObject(b -> b.bucket(broken).key("never.txt"), RequestBody.fromString("2"));

      await().atMost(Duration.ofSeconds(60)).until(() -> delivered.stream().anyMatch(d -> d.contains("eventually.txt")));
      assertThat(FaultControl.call("GET", "/api/v1/events?rule=" + twice, null).body()).contains("\"count\":2");
      List<ConsumerRecord<String, String>> dead = records("mocks3.notifications.dlq", broken, 1, Duration.ofSeconds(60));
      assertThat(dead).hasSize(1);
      assertThat(new String(dead.get(0).headers().lastHeader("kafka_exception-message").value(), StandardCharsets.UTF_8))
          .contains("worker crashed mid-task");
      assertThat(delivered).noneMatch(d -> d.contains("never.txt")).hasSize(1);
    } finally {
      FaultControl.clear();
      server.stop(0);
    }
  }
}
