package io.mocks3.kafkaconfig;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Has spring-kafka's {@link KafkaAdmin} create the catalogue's missing topics and add partitions
 * where the catalogue names more (never fewer; configs of existing topics are left as they are).
 * Idempotent and safe to race: every service runs it at start-up. Replication is min(3, brokers),
 * so one broker locally and three on a real cluster.
 *
 * <p>In a Spring service the topics are beans ({@link KafkaTopicsAutoConfiguration}): the
 * {@code mocks3Topics} bean provisions them when it is made, so a client bean that
 * {@code @DependsOn("mocks3Topics")} starts on topics that exist, and the context's KafkaAdmin checks
 * them again once every bean is made.
 */
public final class TopicProvisioner {
  private static final int TIMEOUT_SECONDS = 30;

  private TopicProvisioner() {}

  /** A KafkaAdmin that fails start-up when the broker cannot be reached instead of logging and carrying on. */
  static KafkaAdmin admin(String bootstrapServers) {
    KafkaAdmin admin = new KafkaAdmin(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_SECONDS * 1000));
    admin.setFatalIfBrokerNotAvailable(true);
    admin.setOperationTimeout(TIMEOUT_SECONDS);
    admin.setModifyTopicConfigs(false);
    return admin;
  }

  /** The catalogue's topics with the cluster's replication factor, created or widened by {@code admin}. */
  static List<NewTopic> provision(KafkaAdmin admin, TopicCatalogue catalogue) {
    List<NewTopic> topics = catalogue.newTopics(replicationFactor(admin));
    try {
      admin.createOrModifyTopics(topics.toArray(NewTopic[]::new));
    } catch (RuntimeException e) {
      throw unreachable(admin, e);
    }
    return topics;
  }

  /** min(3, brokers in the cluster). */
  static short replicationFactor(KafkaAdmin kafkaAdmin) {
    try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
      int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
      return (short) Math.min(3, Math.max(1, brokers));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking Kafka for its brokers", e);
    } catch (ExecutionException | TimeoutException e) {
      throw unreachable(kafkaAdmin, e);
    }
  }

  private static IllegalStateException unreachable(KafkaAdmin admin, Exception e) {
    return new IllegalStateException("cannot create topics on Kafka at "
        + admin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
        + " (is the broker up? `ops/mocks3 status`)", e);
  }
}
