package io.mocks3.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.schemas.DeadLetters;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.FaultRule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/** A task that exhausted its retries reaches its DLQ in the one dead-letter format, naming where it was first consumed. */
class TaskDeadLettersTest {
  private static final String GROUP = "mocks3-webhook-delivery";
  private static final long FIRST_TIMESTAMP = 1_700_000_000_123L;

  /** The record as the last retry topic hands it back: spring-kafka's first hop recorded the task's own topic. */
  private static ConsumerRecord<String, String> onLastRetryTopic() {
    Headers headers = new RecordHeaders();
    headers.add(KafkaHeaders.ORIGINAL_TOPIC, "mocks3.notifications".getBytes(StandardCharsets.UTF_8));
    headers.add(KafkaHeaders.ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(2).array());
    headers.add(KafkaHeaders.ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(41L).array());
    headers.add(KafkaHeaders.ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(FIRST_TIMESTAMP).array());
    headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, GROUP.getBytes(StandardCharsets.UTF_8));
    headers.add("mocks3-destination", "arn:mocks3:webhook:::http://hook".getBytes(StandardCharsets.UTF_8));
    return new ConsumerRecord<>("mocks3.notifications.retry-2", 0, 7L, FIRST_TIMESTAMP + 7_000, TimestampType.CREATE_TIME, 5, 9,
        "photos", "{\"Records\":[]}", headers, Optional.empty());
  }

  private static Headers publish(ConsumerRecord<String, String> record, String destination, Exception failure) {
    ProducerRecord<String, String> sent = send(record, new TopicPartition(destination, 0), failure);
    assertThat(sent.partition()).as("the record's own partition, which its destination has").isZero();
    return sent.headers();
  }

  /** What the recoverer sends to {@code destination}, a topic of 3 partitions as the producer knows it. */
  private static ProducerRecord<String, String> send(ConsumerRecord<String, String> record, TopicPartition destination,
      Exception failure) {
    Node broker = new Node(1, "localhost", 9092);
    List<PartitionInfo> partitions = java.util.stream.IntStream.range(0, 3)
        .mapToObj(p -> new PartitionInfo(destination.topic(), p, broker, new Node[] {broker}, new Node[] {broker})).toList();
    Cluster cluster = new Cluster("c", List.of(broker), partitions, Set.of(), Set.of());
    // Shared, as DefaultKafkaProducerFactory's producer is: the template's partitionsFor closes what it borrowed.
    MockProducer<String, String> producer = new MockProducer<>(cluster, true, null, new StringSerializer(), new StringSerializer()) {
      @Override
      public void close(java.time.Duration timeout) {}
    };
    KafkaTemplate<String, String> template = new KafkaTemplate<>(new MockProducerFactory<>(() -> producer));
    new TaskDeadLetters(r -> template, (r, e) -> destination).accept(record, null, failure);
    List<ProducerRecord<String, String>> sent = producer.history();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).topic()).isEqualTo(destination.topic());
    return sent.get(0);
  }

  @Test
  void aPartitionItsDestinationLacksIsLeftToTheProducer() {
    ConsumerRecord<String, String> record = new ConsumerRecord<>("mocks3.tasks.gc", 5, 12L, 5L, TimestampType.CREATE_TIME, 0, 3,
        "k", "{}", new RecordHeaders(), Optional.empty());
    ProducerRecord<String, String> sent = send(record, new TopicPartition("mocks3.tasks.gc.retry-0", 5),
        new ListenerExecutionFailedException("Listener failed", "mocks3-blob-gc", new IllegalStateException("down")));
    assertThat(sent.partition()).isNull();
  }

  private static String text(Headers headers, String name) {
    var h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static long count(Headers headers, String name) {
    return StreamSupport.stream(headers.headers(name).spliterator(), false).count();
  }

  @Test
  void givenAWebhookThatKeptFailing_WhenItsLastAttemptFails_ThenItsDeadLetterCarriesMockS3sHeadersBesideSpringKafkas() {
    Exception failure = new ListenerExecutionFailedException("Listener failed", GROUP,
        new IllegalStateException("http://hook answered 503"));
    Headers headers = publish(onLastRetryTopic(), "mocks3.notifications.dlq", failure);

    assertThat(text(headers, DeadLetters.REASON)).isEqualTo("http://hook answered 503");
    assertThat(text(headers, DeadLetters.ORIGINAL_TOPIC)).as("the re-drive puts it back on the task's own topic")
        .isEqualTo("mocks3.notifications");
    assertThat(text(headers, DeadLetters.ORIGINAL_PARTITION)).isEqualTo("2");
    assertThat(text(headers, DeadLetters.ORIGINAL_OFFSET)).isEqualTo("41");
    assertThat(text(headers, DeadLetters.CONSUMER)).isEqualTo("webhook-delivery");
    assertThat(headers.lastHeader(DeadLetters.FAULT_RULE)).isNull();

    assertThat(text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("mocks3.notifications");
    assertThat(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).isEqualTo(ByteBuffer.allocate(4).putInt(2).array());
    assertThat(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).isEqualTo(ByteBuffer.allocate(8).putLong(41).array());
    assertThat(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP).value())
        .isEqualTo(ByteBuffer.allocate(8).putLong(FIRST_TIMESTAMP).array());
    assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(IllegalStateException.class.getName());
    assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("http://hook answered 503");
    assertThat(count(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).as("once").isEqualTo(1);
    assertThat(text(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo(GROUP);
    assertThat(text(headers, "mocks3-destination")).as("the task's own headers stay").isEqualTo("arn:mocks3:webhook:::http://hook");
  }

  @Test
  void aFailedAttemptOnItsWayToTheNextRetryTopicIsNotADeadLetter() {
    Headers headers = publish(onLastRetryTopic(), "mocks3.notifications.retry-3",
        new ListenerExecutionFailedException("Listener failed", GROUP, new IllegalStateException("answered 503")));
    assertThat(headers.lastHeader(DeadLetters.REASON)).isNull();
    assertThat(headers.lastHeader(DeadLetters.ORIGINAL_TOPIC)).isNull();
  }

  @Test
  void anUnreadableTaskDeadLetteredFromItsOwnTopicNamesThatRecordAndTheGroup() {
    ConsumerRecord<String, String> record = new ConsumerRecord<>("mocks3.tasks.gc", 1, 12L, 5L, TimestampType.CREATE_TIME, 0, 3,
        "k", "not json", new RecordHeaders(), Optional.empty());
    Headers headers = publish(record, "mocks3.tasks.gc.dlq",
        new ListenerExecutionFailedException("Listener failed", "mocks3-blob-gc", new UnreadableTask("undeserializable: x")));
    assertThat(text(headers, DeadLetters.ORIGINAL_TOPIC)).isEqualTo("mocks3.tasks.gc");
    assertThat(text(headers, DeadLetters.ORIGINAL_OFFSET)).isEqualTo("12");
    assertThat(text(headers, DeadLetters.CONSUMER)).isEqualTo("blob-gc");
    assertThat(text(headers, DeadLetters.REASON)).isEqualTo("undeserializable: x");
    assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(UnreadableTask.class.getName());
  }

  @Test
  void anInjectedTaskFaultNamesItsRule() throws Exception {
    Action action = Json.mapper().readValue("{\"type\":\"http_error\",\"http_code\":500,\"message\":\"worker crashed\"}",
        Action.class);
    FaultRule rule = new FaultRule("rule-7", "broken", null, "tasks", true, null, action, null, null, null, null, null, null);
    DeadLetters.Cause cause = TaskDeadLetters.cause(new ListenerExecutionFailedException("Listener failed", GROUP,
        new InjectedFault(rule)));
    assertThat(cause).isEqualTo(new DeadLetters.Cause("worker crashed", InjectedFault.class.getName(), "rule-7"));
  }
}
