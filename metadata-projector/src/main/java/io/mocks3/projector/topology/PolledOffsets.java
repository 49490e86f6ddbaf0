package io.mocks3.projector.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offset of the last record each partition's poll returned, as seen by the stream thread that
 * polled it: a processor can tell whether the record it decides is the last one its thread has
 * buffered, that is, whether the projector has caught up with what it knows of the log.
 *
 * <p>{@link CommandProcessor} asks for a commit when it has caught up, and only then. Kafka Streams
 * commits right after the record that asked, before it processes the next one buffered, so asking
 * on every fresh command made one transaction per command: sixteen clients writing at once were
 * decided and committed one after the other (about 8 ms each), not as one batch.
 *
 * <p>The main consumer's interceptor (installed by {@code MetadataProjectorApplication.streamsConfig});
 * a consumer calls {@link #onConsume} on the thread that polls, which in Kafka Streams is the
 * stream thread that then processes the records, so the offsets are kept per thread.
 */
public final class PolledOffsets implements ConsumerInterceptor<Object, Object> {
  private static final ThreadLocal<Map<TopicPartition, Long>> LAST_POLLED = ThreadLocal.withInitial(HashMap::new);

  @Override
  public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
    Map<TopicPartition, Long> last = LAST_POLLED.get();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<Object, Object>> polled = records.records(partition);
      last.put(partition, polled.get(polled.size() - 1).offset());
    }
    return records;
  }

  /**
   * Whether no record after {@code offset} of the partition was polled by this thread yet; true
   * when this thread polled nothing from it (a test driver, which polls nothing, commits as it
   * always did).
   */
  static boolean isLastPolled(String topic, int partition, long offset) {
    Long last = LAST_POLLED.get().get(new TopicPartition(topic, partition));
    return last == null || offset >= last;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {
    LAST_POLLED.remove();
  }

  @Override
  public void configure(Map<String, ?> configs) {}
}
