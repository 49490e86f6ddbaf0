package io.mocks3.faults.streams;

import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.mocks3.faults.agent.FaultRecorder;
import io.mocks3.faults.agent.FaultTopicIds;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.DeadLetters;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.fault.FaultSubject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Appends poison records to a topic: bytes no MockS3 consumer can read (no valid JSON, no blob
 * chunk format), carrying {@code x-mocks3-fault-rule: poison:<topic>}. Each consumer must set a
 * poison record aside in its topic's dead-letter topic and go on; each injection is recorded as
 * a fault event naming the record's position.
 */
public final class Poisoner implements AutoCloseable {
  /** What a poison record holds: starts with 0xDEADBEEF, which is neither UTF-8 JSON nor a blob chunk version. */
  static final byte[] POISON;

  static {
    byte[] text = " mocks3 poison record: not a message".getBytes(StandardCharsets.US_ASCII);
    POISON = new byte[4 + text.length];
    POISON[0] = (byte) 0xde;
    POISON[1] = (byte) 0xad;
    POISON[2] = (byte) 0xbe;
    POISON[3] = (byte) 0xef;
    System.arraycopy(text, 0, POISON, 4, text.length);
  }

  private final KafkaProducer<byte[], byte[]> producer;
  private final FaultRecorder recorder;
  private final Clock clock;

  public Poisoner(String bootstrapServers, FaultRecorder recorder, Clock clock) {
    this.producer = new MeteredKafkaProducer<>(KafkaClients.producer(bootstrapServers, "fault-controller-poison"), new ByteArraySerializer(),
        new ByteArraySerializer());
    this.recorder = recorder;
    this.clock = clock;
  }

  /**
   * Appends {@code count} poison records to {@code topic} under {@code key} (null: no key) and
   * returns their positions ("topic/partition@offset").
   */
  public List<String> poison(String topic, String key, int count) throws ExecutionException, InterruptedException {
    String rule = FaultTopicIds.poisonRuleId(topic);
    List<String> positions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(DeadLetters.FAULT_RULE, rule.getBytes(StandardCharsets.UTF_8));
      RecordMetadata at = producer.send(new ProducerRecord<>(topic, null,
          key == null ? null : key.getBytes(StandardCharsets.UTF_8), POISON.clone(), headers)).get();
      String position = topic + "/" + at.partition() + "@" + at.offset();
      positions.add(position);
      // On the logs keyed by bucket, the poison lands among that bucket's records: its event names the bucket.
      String bucket = Topics.COMMANDS.equals(topic) || Topics.NOTIFICATIONS.equals(topic) ? key : null;
      recorder.recordOnLog(new FaultEvent(rule, "poison " + topic, null, "fault-controller", "stream", null, position, "poison",
          "undeserializable record appended", null, clock.instant(), null,
          new FaultSubject("Poison", bucket, null, null, null, null)));
    }
    return positions;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    recorder.close();
  }
}
