package io.mocks3.tasks;

import io.mocks3.kafkaconfig.retry.Retries;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/** Counts a task's later attempts (those its retry topics bring back) in {@code retry_attempts_total{task}}. */
@Component
public class TaskAttempts {
  private final Retries retries;

  TaskAttempts(Retries retries) {
    this.retries = retries;
  }

  /** Called as a listener starts on {@code record}: counts it when it is a retry of task {@code task}. */
  public void started(ConsumerRecord<?, ?> record, String task) {
    if (TaskRecords.attempt(record) > 1) {
      retries.retried(task);
    }
  }
}
