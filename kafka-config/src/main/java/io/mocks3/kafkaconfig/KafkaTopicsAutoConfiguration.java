package io.mocks3.kafkaconfig;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topic catalogue as beans of every Spring service that has {@code mocks3.kafka.bootstrap-servers}:
 * a {@link KafkaAdmin} (Spring Boot's own where the service has spring-kafka's auto-configuration)
 * and {@code mocks3Topics}, the catalogue's {@link NewTopic}s. Making {@code mocks3Topics} provisions
 * them (see {@link TopicProvisioner}), so the services' Kafka clients, which start while the
 * context is still being made, can {@code @DependsOn("mocks3Topics")}; the KafkaAdmin checks them
 * again (partitions widened, never narrowed) when every bean is made.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnProperty(prefix = "mocks3.kafka", name = "bootstrap-servers")
public class KafkaTopicsAutoConfiguration {
  /** The name of the catalogue's topics bean: a Kafka client bean {@code @DependsOn} it. */
  public static final String TOPICS = "mocks3Topics";

  @Bean
  @ConditionalOnMissingBean
  KafkaAdmin kafkaAdmin(Environment env) {
    return TopicProvisioner.admin(env.getRequiredProperty("mocks3.kafka.bootstrap-servers"));
  }

  @Bean(TOPICS)
  KafkaAdmin.NewTopics mocks3Topics(KafkaAdmin admin) {
    List<NewTopic> topics = TopicProvisioner.provision(admin, TopicCatalogue.load());
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
  }
}
