package io.mocks3.kafkaconfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What every Kafka client MockS3 makes does besides its work ({@link KafkaClients} installs these
 * interceptors; Streams and spring-kafka clients are given them by configuration):
 * <ul>
 *   <li>MockS3's queue counters, in the process's global Micrometer registry (which Spring Boot's
 *       Prometheus registry joins): {@code enqueue_total{topic}} for each record the log acknowledged,
 *       {@code dead_letters_total{topic}} for those on a dead-letter topic,
 *       {@code dequeue_total{topic, group}} for each record consumed. They stay beside the clients'
 *       own metrics because the dashboards, the README and ObservabilityIT read them by topic and
 *       consumer group, which Kafka's per-client metrics do not carry (a consumer's are tagged
 *       with its client id); everything else a client measures, lag included, is Micrometer's
 *       {@code KafkaClientMetrics} ({@link MeteredKafkaConsumer}, {@link MeteredKafkaProducer});
 *   <li>trace propagation: a record sent while a span is current carries it in a W3C
 *       {@code traceparent} header, which {@link KafkaTracing#consume} continues on the other side.
 * </ul>
 */
public final class KafkaObservability {
  private static final TextMapSetter<Headers> HEADERS = (headers, key, value) -> {
    if (headers != null) {
      headers.remove(key);
      headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
  };

  private KafkaObservability() {}

  /** The interceptor settings for a producer's or consumer's configuration. */
  public static Map<String, String> producerConfig() {
    return Map.of("interceptor.classes", Producer.class.getName());
  }

  public static Map<String, String> consumerConfig() {
    return Map.of("interceptor.classes", Consumer.class.getName());
  }

  private static MeterRegistry registry() {
    return Metrics.globalRegistry;
  }

  public static final class Producer implements ProducerInterceptor<Object, Object> {
    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
      Context current = Context.current();
      if (Span.fromContext(current).getSpanContext().isValid()) {
        W3CTraceContextPropagator.getInstance().inject(current, record.headers(), HEADERS);
      }
      return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
      if (exception != null || metadata == null) {
        return;
      }
      ENQUEUED.computeIfAbsent(metadata.topic(), Producer::counters).forEach(Counter::increment);
    }

    /** Looked up once per topic, not once per record: a registry lookup builds and filters a meter id. */
    private static final Map<String, List<Counter>> ENQUEUED = new ConcurrentHashMap<>();

    private static List<Counter> counters(String topic) {
      Counter enqueued = Counter.builder("enqueue").description("records appended to a topic").tag("topic", topic).register(registry());
      if (!topic.endsWith(".dlq")) {
        return List.of(enqueued);
      }
      return List.of(enqueued, Counter.builder("dead.letters").description("records set aside in a dead-letter topic")
          .tag("topic", topic).register(registry()));
    }

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
  }

  public static final class Consumer implements ConsumerInterceptor<Object, Object> {
    private String group = "none";

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
      for (TopicPartition tp : records.partitions()) {
        Counter.builder("dequeue").description("records consumed from a topic").tag("topic", tp.topic()).tag("group", group)
            .register(registry()).increment(records.records(tp).size());
      }
      return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {
      Object g = configs.get(ConsumerConfig.GROUP_ID_CONFIG);
      Object client = configs.get(ConsumerConfig.CLIENT_ID_CONFIG);
      group = g != null ? g.toString() : client != null ? client.toString() : "none";
    }
  }
}
