package io.mocks3.kafkaconfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * How far consumer groups are behind, read from the broker as an operator reads it: each partition's
 * end offset against the offset the group committed there. A partition the group has never committed
 * counts from the start of its log, all of which a group reading from the earliest offset has yet to
 * read (counting only the committed partitions let a wait pass before the group had read one).
 *
 * <p>The one place the system measures a backlog: the fault controller's {@code consumer_lag} gauge
 * and its runs' settling, the task workers' wait for the projector before collecting a blob, the
 * load generator's drain timing, the system tests' waits. Every call asks the broker; a broker that
 * does not answer within the timeout is an {@link IllegalStateException} saying so.
 */
public final class GroupLag {
  private final Admin admin;
  private final Duration timeout;

  public GroupLag(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * A group's offsets on one topic at one moment: where each partition ends, where the group
   * committed, where the log starts (asked only for the partitions the group never committed).
   */
  public record Backlog(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> starts) {
    /** Records the group has yet to consume, summed over the topic's partitions. */
    public long lag() {
      return ends.keySet().stream().mapToLong(this::lag).sum();
    }

    /** Records the group has yet to consume on one partition. */
    public long lag(TopicPartition partition) {
      return Math.max(0, ends.getOrDefault(partition, 0L) - position(partition));
    }

    /** Where the group stands on a partition: its commit, or the log's start if it never committed there. */
    public long position(TopicPartition partition) {
      Long at = committed.get(partition);
      return at != null ? at : starts.getOrDefault(partition, 0L);
    }

    /** The topic's end offsets, summed. */
    public long end() {
      return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The group's positions ({@link #position}), summed over the topic's partitions. */
    public long consumed() {
      return ends.keySet().stream().mapToLong(this::position).sum();
    }
  }

  /** {@code group}'s backlog on every partition of {@code topic}. */
  public Backlog backlog(String group, String topic) {
    Map<TopicPartition, Long> ends = ends(topic);
    Map<TopicPartition, Long> committed = committed(group);
    return new Backlog(ends, committed, startsOfUncommitted(ends.keySet(), committed));
  }

  /**
   * Every group's lag on every topic it has committed offsets on (all of that topic's partitions
   * counted): group → topic → lag. The groups' offsets are read in one request.
   */
  public Map<String, Map<String, Long>> everyGroup() {
    Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
    await(admin.listConsumerGroups().all()).forEach(g -> groups.put(g.groupId(), new ListConsumerGroupOffsetsSpec()));
    Map<String, Map<String, Long>> lags = new TreeMap<>();
    if (groups.isEmpty()) {
      return lags;
    }
    Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
    await(admin.listConsumerGroupOffsets(groups).all()).forEach((group, offsets) -> committed.put(group, offsets(offsets)));
    Map<String, Set<String>> topicsOf = new HashMap<>();
    committed.forEach((group, offsets) -> topicsOf.put(group,
        offsets.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet())));
    Set<String> topics = topicsOf.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
    Map<TopicPartition, Long> ends = topics.isEmpty() ? Map.of() : latest(partitions(topics), OffsetSpec.latest());
    Set<TopicPartition> never = new java.util.HashSet<>();
    topicsOf.forEach((group, its) -> ends.keySet().stream()
        .filter(p -> its.contains(p.topic()) && !committed.get(group).containsKey(p)).forEach(never::add));
    Map<TopicPartition, Long> starts = never.isEmpty() ? Map.of() : latest(never, OffsetSpec.earliest());
    topicsOf.forEach((group, its) -> {
      Backlog backlog = new Backlog(ends, committed.get(group), starts);
      ends.keySet().stream().filter(p -> its.contains(p.topic())).forEach(p ->
          lags.computeIfAbsent(group, g -> new TreeMap<>()).merge(p.topic(), backlog.lag(p), Long::sum));
    });
    return lags;
  }

  /** The groups whose id starts with {@code prefix} and that have members now (live consumers, not a group left behind). */
  public List<String> groupsWithMembers(String prefix) {
    List<String> named = await(admin.listConsumerGroups().all()).stream().map(g -> g.groupId())
        .filter(g -> g.startsWith(prefix)).toList();
    return named.isEmpty() ? List.of() : await(admin.describeConsumerGroups(named).all()).values().stream()
        .filter(g -> !g.members().isEmpty()).map(g -> g.groupId()).sorted().toList();
  }

  /** Where each partition of {@code topic} ends now (the offset its next record will have). */
  public Map<TopicPartition, Long> ends(String topic) {
    return latest(partitions(Set.of(topic)), OffsetSpec.latest());
  }

  /** The offsets {@code group} has committed, on every topic; a partition it never committed is absent. */
  public Map<TopicPartition, Long> committed(String group) {
    return offsets(await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()));
  }

  private Map<TopicPartition, Long> startsOfUncommitted(Set<TopicPartition> partitions, Map<TopicPartition, Long> committed) {
    List<TopicPartition> never = partitions.stream().filter(p -> !committed.containsKey(p)).toList();
    return never.isEmpty() ? Map.of() : latest(never, OffsetSpec.earliest());
  }

  private List<TopicPartition> partitions(Set<String> topics) {
    return await(admin.describeTopics(topics).allTopicNames()).values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
  }

  private Map<TopicPartition, Long> latest(java.util.Collection<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> asked = partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
    return await(admin.listOffsets(asked).all()).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    committed.forEach((p, at) -> {
      if (at != null) {
        offsets.put(p, at.offset());
      }
    });
    return offsets;
  }

  private <T> T await(KafkaFuture<T> future) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking the broker", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the broker did not answer within " + timeout.toSeconds() + " s", e);
    }
  }
}
