package io.mocks3.tasks;

import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.schemas.DeadLetters;
import io.mocks3.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * How a task's record leaves the listener after a failed attempt: spring-kafka's recoverer sends it
 * to the next retry topic, or, after the last attempt (or at once when it is unreadable), to the
 * dead-letter topic, where it gets MockS3's one dead-letter format ({@link DeadLetters}) on top of
 * spring-kafka's retry headers. The origin is the task's first topic, partition and offset (what
 * the retry topics carry in {@code kafka_original-*}), so a re-drive puts the record back there.
 * A dead-lettered task is logged here, as it is sent: nothing in the task workers consumes the
 * dead-letter topics (the fault controller lists and re-drives them).
 */
final class TaskDeadLetters extends DeadLetterPublishingRecoverer {
  private static final Logger log = LoggerFactory.getLogger(TaskDeadLetters.class);

  /** The failure being published, for {@link #createProducerRecord}, which spring-kafka calls on the same thread. */
  private static final ThreadLocal<Exception> FAILURE = new ThreadLocal<>();

  private final Function<ProducerRecord<?, ?>, ? extends KafkaOperations<?, ?>> templates;

  TaskDeadLetters(Function<ProducerRecord<?, ?>, ? extends KafkaOperations<?, ?>> templates,
      BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destinations) {
    super(templates, destinations);
    this.templates = templates;
    // spring-kafka would check the destination partition with the listener's consumer, whose connection
    // answers nothing while the broker holds its idle fetch (up to 5 s, TaskRetryTopics): the producer checks it.
    setVerifyPartition(false);
  }

  @Override
  public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
    FAILURE.set(exception);
    try {
      super.accept(record, consumer, exception);
    } finally {
      FAILURE.remove();
    }
  }

  @Override
  protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record, TopicPartition target,
      Headers headers, byte[] key, byte[] value) {
    TopicPartition destination = existing(target);
    if (destination.topic().equals(Topics.deadLetterOf(originalTopic(record)))) {
      Exception failure = FAILURE.get();
      DeadLetters.Origin origin = origin(record, failure);
      DeadLetters.Cause cause = cause(failure);
      log.error("{} task (key {}) from {} dead-lettered to {}: {}", origin.consumer(), record.key(), origin.topic(),
          destination.topic(), cause.reason());
      Headers ours = DeadLetters.describe(new RecordHeaders(), origin, cause);
      for (Header header : ours) {
        headers.remove(header.key()); // spring-kafka's copy of a kafka_dlt-* header: ours says the same, once
      }
      ours.forEach(headers::add);
    }
    return super.createProducerRecord(record, destination, headers, key, value);
  }

  /**
   * The record's own partition on its next topic, or none (the producer picks one) where that topic
   * has fewer; the partition as it is when they cannot be listed, as spring-kafka's own check leaves it.
   */
  private TopicPartition existing(TopicPartition target) {
    KafkaOperations<?, ?> template = templates.apply(new ProducerRecord<>(target.topic(), null));
    if (target.partition() < 0 || template == null) {
      return target;
    }
    try {
      boolean exists = template.partitionsFor(target.topic()).stream().anyMatch(p -> p.partition() == target.partition());
      return exists ? target : new TopicPartition(target.topic(), -1);
    } catch (org.apache.kafka.common.KafkaException e) {
      log.warn("cannot list the partitions of {}: {}", target.topic(), e.toString());
      return target;
    }
  }

  /** The task's own topic, whichever of its retry topics the record failed on. */
  private static String originalTopic(ConsumerRecord<?, ?> record) {
    String first = text(record, KafkaHeaders.ORIGINAL_TOPIC);
    return first != null ? first : record.topic();
  }

  /** Where the task was first consumed: the retry topics' kafka_original-* headers, or the record itself. */
  static DeadLetters.Origin origin(ConsumerRecord<?, ?> record, Exception failure) {
    String topic = text(record, KafkaHeaders.ORIGINAL_TOPIC);
    String group = text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
    if (group == null && failure instanceof ListenerExecutionFailedException listener) {
      group = listener.getGroupId();
    }
    String consumer = group == null ? null : group.replaceFirst("^mocks3-", "");
    if (topic == null) {
      return DeadLetters.Origin.of(record, consumer, group);
    }
    return new DeadLetters.Origin(topic, number(record, KafkaHeaders.ORIGINAL_PARTITION).intValue(),
        number(record, KafkaHeaders.ORIGINAL_OFFSET).longValue(), number(record, KafkaHeaders.ORIGINAL_TIMESTAMP).longValue(),
        consumer, group);
  }

  /** What failed: the listener's own exception, not spring-kafka's wrappers around it; the rule when it was injected. */
  static DeadLetters.Cause cause(Exception failure) {
    Throwable cause = failure;
    while (cause instanceof KafkaException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause == null) {
      return new DeadLetters.Cause("retries exhausted", IllegalStateException.class.getName(), null);
    }
    String rule = cause instanceof InjectedFault injected ? injected.rule().id() : null;
    return new DeadLetters.Cause(String.valueOf(cause.getMessage()), cause.getClass().getName(), rule);
  }

  private static String text(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** A 4-byte int or 8-byte long header, as spring-kafka writes partitions, offsets and timestamps. */
  private static Number number(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    if (h == null) {
      return -1;
    }
    ByteBuffer bytes = ByteBuffer.wrap(h.value());
    return h.value().length == Integer.BYTES ? bytes.getInt() : bytes.getLong();
  }
}
