package io.mocks3.tasks.blobs;

import io.mocks3.schemas.Topics;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/** How far the metadata projector is behind the command log, from its group's committed offsets. */
@Component
class ProjectorProgress implements AutoCloseable {
  private final Admin admin;
  private final String group;

  ProjectorProgress(org.springframework.boot.kafka.autoconfigure.KafkaProperties kafka, BlobTaskProperties props) {
    this.admin = Admin.create(kafka.buildAdminProperties());
    this.group = props.projectorGroup();
  }

  /** Commands in the log the projector has not committed yet (every partition it has ever consumed). */
  long commandsToProject() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(Topics.COMMANDS)).allTopicNames()
          .get(10, TimeUnit.SECONDS).get(Topics.COMMANDS).partitions().stream()
          .collect(Collectors.toMap(p -> new TopicPartition(Topics.COMMANDS, p.partition()), p -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      long lag = 0;
      for (var end : ends.entrySet()) {
        OffsetAndMetadata at = committed.get(end.getKey());
        lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
      }
      return lag;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the projector's progress: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
