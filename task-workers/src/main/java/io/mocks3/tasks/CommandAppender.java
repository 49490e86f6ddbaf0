package io.mocks3.tasks;

import io.mocks3.schemas.Topics;
import io.mocks3.schemas.command.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Puts the tasks' commands (aborts, expirations) on {@code mocks3.commands}, keyed by bucket, as a client's would be. */
public final class CommandAppender {
  private CommandAppender() {}

  /** Sends every command and returns once all are in the log; {@code what} names them in a failure ("aborts"). */
  public static void append(Producer<String, Command> producer, List<? extends Command> commands, String what) {
    List<Future<?>> sent = new ArrayList<>();
    for (Command c : commands) {
      sent.add(producer.send(new ProducerRecord<>(Topics.COMMANDS, c.bucket().value(), c)));
    }
    for (Future<?> future : sent) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while sending " + what, e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("one of the " + what + " did not reach the log: " + e.getCause().getMessage(),
            e.getCause());
      }
    }
  }
}
