package io.mocks3.tasks;

import java.util.function.Consumer;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.retrytopic.DeadLetterPublishingRecovererFactory;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;

/** The retry topics of every {@link TaskRetries} listener publish their dead letters through {@link TaskDeadLetters}. */
@Configuration(proxyBeanMethods = false)
class TaskRetryTopics extends RetryTopicConfigurationSupport {
  @Override
  protected Consumer<DeadLetterPublishingRecovererFactory> configureDeadLetterPublishingContainerFactory() {
    return factory -> factory.setDeadLetterPublisherCreator(TaskDeadLetters::new);
  }
}
