package io.mocks3.faults.console;

import io.mocks3.faults.observe.ConsumerLag;
import io.mocks3.faults.observe.Overview;
import io.mocks3.faults.observe.ServiceDirectory;
import io.mocks3.faults.observe.ServiceHealth;
import io.mocks3.faults.observe.TopicOffsets;
import io.mocks3.faults.rules.RuleStore;
import io.mocks3.faults.scenarios.Scenarios;
import io.mocks3.faults.topics.TopicRecords;
import io.mocks3.kafkaconfig.KafkaSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the console's own API needs: the services to probe ({@code mocks3.console.services}, see
 * {@link ServiceDirectory}), the broker's topics and records, and the overview made of them. The
 * pages themselves are static files ({@code static/}), served at {@code /}.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {
  @Bean
  ServiceDirectory serviceDirectory(Environment env) {
    return ServiceDirectory.of(env.getProperty("mocks3.console.services"), env.getProperty("server.port", Integer.class, 8085));
  }

  @Bean
  ServiceHealth serviceHealth(ServiceDirectory directory, JsonMapper json) {
    return new ServiceHealth(directory, json);
  }

  @Bean(destroyMethod = "close")
  @DependsOn("topics")
  TopicOffsets topicOffsets(KafkaSettings kafka) {
    return new TopicOffsets(kafka.bootstrapServers());
  }

  @Bean
  TopicRecords topicRecords(KafkaSettings kafka) {
    return new TopicRecords(kafka.bootstrapServers());
  }

  @Bean
  Overview overview(ServiceHealth health, TopicOffsets topics, ConsumerLag lag, RuleStore rules, Scenarios scenarios) {
    return new Overview(health, topics, lag, rules, scenarios);
  }
}
