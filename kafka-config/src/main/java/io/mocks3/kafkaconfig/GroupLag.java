package io.mocks3.kafkaconfig;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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
   * A group's backlog on one topic at one moment: where each partition ends, and where the group
   * stands on it ({@link GroupLag#positions}).
   */
  public record Backlog(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> positions) {
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
      return positions.getOrDefault(partition, 0L);
    }

    /** The topic's end offsets, summed. */
    public long end() {
      return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The group's positions, summed over the topic's partitions. */
    public long consumed() {
      return ends.keySet().stream().mapToLong(this::position).sum();
    }
  }

  /** {@code group}'s backlog on every partition of {@code topic}. */
  public Backlog backlog(String group, String topic) {
    Map<TopicPartition, Long> ends = ends(topic);
    return new Backlog(ends, positions(group, ends.keySet()));
  }

  /**
   * Where {@code group} stands on each of {@code partitions}: its commit there, or the start of the
   * partition's log where it never committed (the starts are asked only for those).
   */
  public Map<TopicPartition, Long> positions(String group, Collection<TopicPartition> partitions) {
    Map<TopicPartition, Long> committed = committed(group);
    return positions(partitions, committed, starts(uncommitted(partitions, committed)));
  }

  /**
   * Every group's lag on every topic it has committed offsets on (all of that topic's partitions
   * counted): group → topic → lag. The groups' offsets are read in one request, the starts of the
   * partitions some group never committed in one more.
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
    Set<String> topics = committed.values().stream().flatMap(o -> o.keySet().stream()).map(TopicPartition::topic)
        .collect(Collectors.toSet());
    Map<TopicPartition, Long> ends = topics.isEmpty() ? Map.of() : offsetsAt(partitions(topics), OffsetSpec.latest());
    // Each group's partitions: every partition of each topic it committed on.
    Map<String, List<TopicPartition>> partitionsOf = new HashMap<>();
    committed.forEach((group, offsets) -> {
      Set<String> its = offsets.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
      partitionsOf.put(group, ends.keySet().stream().filter(p -> its.contains(p.topic())).toList());
    });
    Set<TopicPartition> never = new HashSet<>();
    partitionsOf.forEach((group, its) -> never.addAll(uncommitted(its, committed.get(group))));
    Map<TopicPartition, Long> starts = starts(never);
    partitionsOf.forEach((group, its) -> {
      Backlog backlog = new Backlog(ends, positions(its, committed.get(group), starts));
      its.forEach(p -> lags.computeIfAbsent(group, g -> new TreeMap<>()).merge(p.topic(), backlog.lag(p), Long::sum));
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
    return offsetsAt(partitions(Set.of(topic)), OffsetSpec.latest());
  }

  /** The offsets {@code group} has committed, on every topic; a partition it never committed is absent. */
  public Map<TopicPartition, Long> committed(String group) {
    return offsets(await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()));
  }

  /** Each partition's position: the commit, else the log's start ({@code starts}), else 0. */
  static Map<TopicPartition, Long> positions(Collection<TopicPartition> partitions, Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> starts) {
    Map<TopicPartition, Long> positions = new HashMap<>();
    partitions.forEach(p -> positions.put(p, committed.containsKey(p) ? committed.get(p) : starts.getOrDefault(p, 0L)));
    return positions;
  }

  private static List<TopicPartition> uncommitted(Collection<TopicPartition> partitions, Map<TopicPartition, Long> committed) {
    return partitions.stream().filter(p -> !committed.containsKey(p)).toList();
  }

  /** Where the logs of {@code partitions} start now (none asked for when there are none). */
  private Map<TopicPartition, Long> starts(Collection<TopicPartition> partitions) {
    return partitions.isEmpty() ? Map.of() : offsetsAt(partitions, OffsetSpec.earliest());
  }

  private List<TopicPartition> partitions(Set<String> topics) {
    return await(admin.describeTopics(topics).allTopicNames()).values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
  }

  /** The offsets the broker lists for {@code partitions} at {@code spec} (their ends, or their starts). */
  private Map<TopicPartition, Long> offsetsAt(Collection<TopicPartition> partitions, OffsetSpec spec) {
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
