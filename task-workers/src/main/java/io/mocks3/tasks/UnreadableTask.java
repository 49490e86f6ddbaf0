package io.mocks3.tasks;

/** A task record no retry can make readable: dead-lettered without retries ({@link TaskRetries}). */
public final class UnreadableTask extends RuntimeException {
  public UnreadableTask(String message) {
    super(message);
  }
}
