package io.mocks3.tasks;

import io.mocks3.kafkaconfig.KafkaSettings;
import io.mocks3.kafkaconfig.TopicCatalogue;
import io.mocks3.kafkaconfig.TopicProvisioner;
import io.mocks3.tasks.notification.WebhookProperties;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

@SpringBootApplication
@EnableConfigurationProperties(WebhookProperties.class)
public class TaskWorkersApplication {
  public static void main(String[] args) {
    SpringApplication.run(TaskWorkersApplication.class, args);
  }

  /** Makes sure the topic catalogue exists before this service reports healthy. */
  @Bean
  ApplicationRunner provisionTopics(Environment env) {
    KafkaSettings kafka = Binder.get(env).bind("mocks3.kafka", KafkaSettings.class).get();
    return args -> TopicProvisioner.ensure(kafka.bootstrapServers(), TopicCatalogue.load());
  }
}
