package io.mocks3.tasks.blobs;

import io.mocks3.schemas.Topics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/** How far the metadata projector is behind the command log, from its group's committed offsets. */
@Component
class ProjectorProgress implements AutoCloseable {
  private final Admin admin;
  private final String group;
  /** The highest offset of each command partition the projector's group was seen to have committed. */
  private final Map<Integer, Long> projected = new ConcurrentHashMap<>();

  @org.springframework.beans.factory.annotation.Autowired
  ProjectorProgress(org.springframework.boot.kafka.autoconfigure.KafkaProperties kafka, BlobTaskProperties props) {
    this(Admin.create(kafka.buildAdminProperties()), props.projectorGroup());
  }

  /** Over {@code admin}; for tests that answer {@link #commandsEnd} themselves (a null admin). */
  ProjectorProgress(Admin admin, String group) {
    this.admin = admin;
    this.group = group;
  }

  /** Where the command log ends now: the next offset of each partition. */
  Map<Integer, Long> commandsEnd() {
    try {
      Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(Topics.COMMANDS)).allTopicNames()
          .get(10, TimeUnit.SECONDS).get(Topics.COMMANDS).partitions().stream()
          .collect(Collectors.toMap(p -> new TopicPartition(Topics.COMMANDS, p.partition()), p -> OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
          .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the end of the command log: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Commands before {@code ends} the projector has not committed yet (0: it has projected everything up to there).
   * The group's committed offsets only move forward, so once they passed {@code ends} the answer stays 0 without
   * asking the broker again: the tasks of one sweep share its {@code ends}, and a sweep queues thousands.
   */
  long commandsToProject(Map<Integer, Long> ends) {
    if (ends.entrySet().stream().allMatch(end -> end.getValue() <= projected.getOrDefault(end.getKey(), 0L))) {
      return 0;
    }
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      committed.forEach((tp, at) -> {
        if (tp.topic().equals(Topics.COMMANDS) && at != null) {
          projected.merge(tp.partition(), at.offset(), Math::max);
        }
      });
      long behind = 0;
      for (Map.Entry<Integer, Long> end : ends.entrySet()) {
        behind += Math.max(0, end.getValue() - projected.getOrDefault(end.getKey(), 0L));
      }
      return behind;
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
