package io.mocks3.faults.observe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Every {@code mocks3.*} topic of the broker (retry and dead-letter topics included) with, per
 * partition, its first and end offsets: what the overview and the topic browser show.
 */
public final class TopicOffsets implements AutoCloseable {
  /** Only MockS3's own topics are shown (and browsable). */
  public static final String PREFIX = "mocks3.";
  private static final long TIMEOUT_SECONDS = 10;
  private final Admin admin;

  public TopicOffsets(String bootstrapServers) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "fault-controller-topics");
    this.admin = Admin.create(p);
  }

  /** One topic's partitions: partition number, first offset and end offset. */
  public record Partition(int partition, long start, long end) {}

  /** A topic with its partitions, and how many records it holds in all (end minus start). */
  public record Topic(String topic, List<Partition> partitions, long records) {}

  /** Every {@code mocks3.*} topic, by name. */
  public List<Topic> topics() throws InterruptedException {
    try {
      TreeSet<String> names = new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      names.removeIf(n -> !n.startsWith(PREFIX));
      return describe(new ArrayList<>(names));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the broker did not list its topics: " + e, e);
    }
  }

  private List<Topic> describe(List<String> names) throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    descriptions.values().forEach(d -> d.partitions().forEach(p -> {
      earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
      latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
    }));
    var starts = admin.listOffsets(earliest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    var ends = admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    List<Topic> topics = new ArrayList<>();
    for (String name : names) {
      List<Partition> partitions = new ArrayList<>();
      long records = 0;
      for (var p : descriptions.get(name).partitions()) {
        TopicPartition tp = new TopicPartition(name, p.partition());
        Partition partition = new Partition(p.partition(), starts.get(tp).offset(), ends.get(tp).offset());
        partitions.add(partition);
        records += partition.end() - partition.start();
      }
      partitions.sort(java.util.Comparator.comparingInt(Partition::partition));
      topics.add(new Topic(name, partitions, records));
    }
    return topics;
  }

  /** One topic, if the broker has it and it is one of MockS3's. */
  public java.util.Optional<Topic> topic(String name) throws InterruptedException {
    if (!name.startsWith(PREFIX)) {
      return java.util.Optional.empty();
    }
    try {
      if (!admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).contains(name)) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(describe(List.of(name)).get(0));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the broker did not describe " + name + ": " + e, e);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

}
