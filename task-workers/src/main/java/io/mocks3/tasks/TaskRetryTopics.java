package io.mocks3.tasks;

import io.mocks3.kafkaconfig.KafkaClients;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.retrytopic.DeadLetterPublishingRecovererFactory;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;

/**
 * How the {@link TaskRetries} listeners consume: their retry topics publish dead letters through
 * {@link TaskDeadLetters}, and no listener ever seeks. A failed record is handed on to its retry
 * topic, and one in a retry topic that is not due yet pauses its partition until it is; in both
 * cases the error handler keeps the poll's remaining records and delivers them again, where by
 * default it would seek back and fetch them anew. A consumer that does not seek loses nothing by
 * letting the broker hold its idle fetch long ({@link KafkaClients#FORWARD_ONLY_FETCH_WAIT}): the
 * task workers' sixteen listeners (four task topics, three retry topics each) asked the idle broker
 * 32 times a second at the default 500 ms.
 */
@Configuration(proxyBeanMethods = false)
class TaskRetryTopics extends RetryTopicConfigurationSupport {
  @Override
  protected Consumer<DeadLetterPublishingRecovererFactory> configureDeadLetterPublishingContainerFactory() {
    return factory -> factory.setDeadLetterPublisherCreator(TaskDeadLetters::new);
  }

  @Override
  protected void configureCustomizers(CustomizersConfigurer customizers) {
    customizers.customizeErrorHandler(handler -> handler.setSeekAfterError(false));
  }

  @Bean
  DefaultKafkaConsumerFactoryCustomizer forwardOnlyFetchWait() {
    return factory -> factory.updateConfigs(
        Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) KafkaClients.FORWARD_ONLY_FETCH_WAIT.toMillis()));
  }
}
