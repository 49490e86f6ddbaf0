package io.mocks3.tasks.blobs;

import io.mocks3.kafkaconfig.GroupLag;
import io.mocks3.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * How far the metadata projector is behind the command log, from its group's committed offsets
 * ({@link GroupLag}: a partition it never committed counts from the start of its log).
 */
@Component
class ProjectorProgress implements AutoCloseable {
  private final Admin admin;
  private final GroupLag lag;
  private final String group;
  /** The highest offset of each command partition the projector's group was seen to have reached. */
  private final Map<Integer, Long> projected = new ConcurrentHashMap<>();

  @org.springframework.beans.factory.annotation.Autowired
  ProjectorProgress(org.springframework.boot.kafka.autoconfigure.KafkaProperties kafka, BlobTaskProperties props) {
    this(Admin.create(kafka.buildAdminProperties()), props.projectorGroup());
  }

  /** Over {@code admin}; for tests that answer {@link #commandsEnd} themselves (a null admin). */
  ProjectorProgress(Admin admin, String group) {
    this.admin = admin;
    this.lag = new GroupLag(admin, Duration.ofSeconds(10));
    this.group = group;
  }

  /** Where the command log ends now: the next offset of each partition. */
  Map<Integer, Long> commandsEnd() {
    try {
      return byPartition(lag.ends(Topics.COMMANDS));
    } catch (IllegalStateException e) {
      throw new IllegalStateException("cannot read the end of the command log: " + e.getMessage(), e);
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
      List<TopicPartition> partitions = ends.keySet().stream().map(p -> new TopicPartition(Topics.COMMANDS, p)).toList();
      lag.positions(group, partitions).forEach((p, at) -> projected.merge(p.partition(), at, Math::max));
      long behind = 0;
      for (Map.Entry<Integer, Long> end : ends.entrySet()) {
        behind += Math.max(0, end.getValue() - projected.getOrDefault(end.getKey(), 0L));
      }
      return behind;
    } catch (IllegalStateException e) {
      throw new IllegalStateException("cannot read the projector's progress: " + e.getMessage(), e);
    }
  }

  private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
    return offsets.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
  }

  @Override
  public void close() {
    admin.close();
  }
}
