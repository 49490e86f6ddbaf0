package io.mocks3.tasks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;

/**
 * How every task listener retries: a failed attempt goes to the task topic's retry topics
 * ({@code <topic>.retry-0}, {@code -1}, ...) with exponential back-off, and after the last attempt
 * to its dead-letter topic {@code <topic>.dlq} in MockS3's dead-letter format ({@link TaskDeadLetters}),
 * where the fault controller lists and re-drives it. The attempts and back-off are the retry policy
 * {@code mocks3.retries.tasks} (application.yaml: 4 attempts, 1 s then 2 s then 4 s apart, at most
 * 30 s). A record that is not a task at all ({@link UnreadableTask}) goes to the dead-letter topic at once.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@RetryableTopic(
    attempts = "${mocks3.retries.tasks.max-attempts}",
    backOff = @BackOff(delayString = "${mocks3.retries.tasks.initial-delay}",
        multiplierString = "${mocks3.retries.tasks.multiplier}", maxDelayString = "${mocks3.retries.tasks.max-delay}"),
    retryTopicSuffix = ".retry",
    dltTopicSuffix = ".dlq",
    topicSuffixingStrategy = TopicSuffixingStrategy.SUFFIX_WITH_INDEX_VALUE,
    numPartitions = "3",
    replicationFactor = "${mocks3.task-topics.replication-factor:1}",
    exclude = UnreadableTask.class,
    // The dead-letter topics are written (TaskDeadLetters logs each) but not consumed here: a consumer
    // per topic that only logged cost the idle broker four fetches a second.
    autoStartDltHandler = "false",
    traversingCauses = "true")
public @interface TaskRetries {}
