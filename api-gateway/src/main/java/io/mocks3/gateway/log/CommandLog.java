package io.mocks3.gateway.log;

import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.schemas.blob.BlobChunkSerde;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.event.CommittedOutcomes;
import io.mocks3.schemas.fault.FaultSubject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.MDC;

/**
 * The gateway's only way to change state: append blob chunks (key = blob id) and commands
 * (key = bucket) to the log. One idempotent producer, so a request's records share its batches.
 * {@code send} blocks when the producer's buffer is full, which is what bounds upload memory.
 */
public final class CommandLog implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final BlobChunkSerde chunks = new BlobChunkSerde();
  private final JsonSerde<Command> commands = JsonSerde.of(Command.class);

  public CommandLog(String bootstrapServers, String clientId) {
    this.producer = new MeteredKafkaProducer<>(
        KafkaClients.producer(bootstrapServers, clientId), new StringSerializer(), new ByteArraySerializer());
  }

  public CompletableFuture<RecordMetadata> append(BlobChunk chunk) {
    return send(Topics.BLOBS, chunk.blobId().value(), chunks.serialize(Topics.BLOBS, chunk), false);
  }

  /**
   * @param awaited whether the writer waits for the command's outcome (strong consistency): the
   *     projector then also notifies its commit through the read model ({@link CommittedOutcomes})
   */
  public CompletableFuture<RecordMetadata> append(Command command, boolean awaited) {
    return send(Topics.COMMANDS, command.bucket().value(), commands.serialize(Topics.COMMANDS, command), awaited);
  }

  private CompletableFuture<RecordMetadata> send(String topic, String key, byte[] value, boolean awaited) {
    CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    if (awaited) {
      record.headers().add(CommittedOutcomes.AWAITED_HEADER, new byte[0]);
    }
    // The client request that caused the record: what a fault on it names (and the run report joins on).
    String requestId = MDC.get("requestId");
    if (requestId != null) {
      record.headers().add(FaultSubject.REQUEST_ID_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
    }
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(metadata);
      }
    });
    return result;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
