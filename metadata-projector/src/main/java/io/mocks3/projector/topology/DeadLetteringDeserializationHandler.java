package io.mocks3.projector.topology;

import io.mocks3.schemas.DeadLetters;
import io.mocks3.schemas.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command that cannot be read (a poison record) is moved to {@code mocks3.commands.dlq} in the
 * same transaction that moves the projector past it, with the dead-letter headers every consumer
 * writes ({@link DeadLetters}; a poison record keeps the fault rule that made it): processing goes
 * on, and nothing is dropped unseen.
 */
public final class DeadLetteringDeserializationHandler implements DeserializationExceptionHandler {
  static final String CONSUMER = "metadata-projector";
  private static final Logger log = LoggerFactory.getLogger(DeadLetteringDeserializationHandler.class);
  private String applicationId;

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    log.warn("unreadable record at {}-{}@{} moved to {}: {}", context.topic(), context.partition(), context.offset(),
        Topics.deadLetterOf(context.topic()), exception.toString());
    var origin = new DeadLetters.Origin(context.topic(), context.partition(), context.offset(), record.timestamp(), CONSUMER,
        applicationId);
    var headers = DeadLetters.describe(record.headers(), origin, DeadLetters.Cause.unreadable(exception));
    return Response.resume(List.of(
        new ProducerRecord<>(Topics.deadLetterOf(context.topic()), null, record.key(), record.value(), headers)));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // A Streams application's consumer group is its application id.
    Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    applicationId = id == null ? null : id.toString();
  }
}
