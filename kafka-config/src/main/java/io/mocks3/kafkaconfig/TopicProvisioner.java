package io.mocks3.kafkaconfig;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's missing topics. Idempotent and safe to race: every service runs it at
 * start-up. Replication is min(3, brokers), so one broker locally and three on a real cluster.
 */
public final class TopicProvisioner {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private TopicProvisioner() {}

  public static void ensure(String bootstrapServers, TopicCatalogue catalogue) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(props)) {
      ensure(admin, catalogue);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot create topics on Kafka at " + bootstrapServers + " (is the broker up? `ops/mocks3 status`)", e);
    }
  }

  static void ensure(Admin admin, TopicCatalogue catalogue)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
    short replication = (short) Math.min(3, Math.max(1, brokers));
    List<NewTopic> missing =
        catalogue.topics().stream()
            .filter(t -> !existing.contains(t.name()))
            .map(t -> new NewTopic(t.name(), t.partitions(), replication).configs(Map.copyOf(t.config())))
            .toList();
    if (missing.isEmpty()) {
      return;
    }
    CreateTopicsResult result = admin.createTopics(missing);
    for (var entry : result.values().entrySet()) {
      try {
        entry.getValue().get(30, TimeUnit.SECONDS);
        log.info("created topic {}", entry.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }
}
