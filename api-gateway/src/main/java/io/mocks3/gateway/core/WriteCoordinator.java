package io.mocks3.gateway.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.log.CommandLog;
import io.mocks3.gateway.log.OutcomeTracker;
import io.mocks3.gateway.storage.StorageMembers;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.Event;
import java.time.Duration;
import org.slf4j.MDC;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Appends a command and waits for what its consistency mode promises. Waiters are registered
 * before anything is appended, so no outcome can slip past them.
 *
 * <p>Where a write's time goes, from the moment its command is submitted (its body already read
 * and its blob's chunks handed to the log), as the timer {@code mocks3.write.hop}: {@code
 * appended} (the log has the command), {@code stored} (the storage nodes acknowledged the blob,
 * strong writes) and {@code applied} (the projector's event arrived: the read model has it, strong
 * writes), each tagged with the consistency mode.
 */
public final class WriteCoordinator {
  private final CommandLog log;
  private final OutcomeTracker outcomes;
  private final int writeQuorum;
  private final StorageMembers members;
  private final Duration timeout;
  private final Hops hops;

  /**
   * @param writeQuorum acknowledgements a strong write waits for, from the nodes its blob is placed on
   * @param members which nodes those are
   * @param meters where the hop timers go; null for nowhere
   */
  public WriteCoordinator(CommandLog log, OutcomeTracker outcomes, int writeQuorum, StorageMembers members, Duration timeout,
      MeterRegistry meters) {
    if (writeQuorum < 1 || writeQuorum > members.copies()) {
      throw new IllegalArgumentException("mocks3.write-quorum must be between 1 and the nodes each blob is placed on ("
          + members.copies() + "), not " + writeQuorum);
    }
    this.log = log;
    this.outcomes = outcomes;
    this.writeQuorum = writeQuorum;
    this.members = members;
    this.timeout = timeout;
    this.hops = new Hops(meters);
  }

  /** Call before appending a blob's chunks when the write will be strong. */
  public CompletableFuture<Void> expectStored(BlobId blob) {
    return outcomes.awaitStored(blob, writeQuorum, members.holders(blob));
  }

  /** Drops the storage waiter of a blob whose command will never be sent (bad digest, broken body). */
  public void abandon(BlobId blob) {
    outcomes.forget(null, blob);
  }

  /**
   * @param blob the blob the command binds, or null
   * @param stored the blob's storage acknowledgements (strong) or log durability (eventual); null
   *     when the command carries no blob
   * @return the command's event in strong mode; null in eventual mode
   * @throws S3Exception with the projector's error code when the command was rejected
   */
  public Event submit(Command command, BlobId blob, CompletableFuture<?> stored, Consistency mode) {
    long submitted = System.nanoTime();
    CompletableFuture<Event> event = mode == Consistency.STRONG ? outcomes.awaitEvent(command.commandId()) : null;
    // In the request's log lines, and in its line of a run's history.
    MDC.put("commandId", command.commandId());
    try {
      CompletableFuture<?> appended = log.append(command, mode == Consistency.STRONG);
      hops.time(appended, Hop.APPENDED, mode, submitted);
      if (mode == Consistency.STRONG) {
        hops.time(event, Hop.APPLIED, mode, submitted);
        hops.time(stored, Hop.STORED, mode, submitted);
      }
      if (mode == Consistency.EVENTUAL) {
        await(CompletableFuture.allOf(appended, stored == null ? appended : stored));
        return null;
      }
      Event outcome = await(event);
      if (outcome instanceof CommandRejected rejected) {
        throw new S3Exception(S3ErrorCode.forCode(rejected.errorCode()), rejected.message());
      }
      if (stored != null) {
        await(stored);
      }
      return outcome;
    } finally {
      outcomes.forget(command.commandId(), blob);
    }
  }

  /**
   * Appends commands that carry no blob all at once and waits for them together (DeleteObjects):
   * a batch costs one round of the log, not one per command.
   *
   * @return each command's event, rejections included, in order (strong); null (eventual)
   */
  public List<Event> submitAll(List<? extends Command> commands, Consistency mode) {
    List<CompletableFuture<Event>> events = new ArrayList<>();
    if (commands.size() == 1) {
      // A single DeleteObject goes this way too: its log lines and history line name its command.
      MDC.put("commandId", commands.get(0).commandId());
    }
    try {
      if (mode == Consistency.STRONG) {
        commands.forEach(c -> events.add(outcomes.awaitEvent(c.commandId())));
      }
      List<CompletableFuture<?>> appended = commands.stream()
          .<CompletableFuture<?>>map(c -> log.append(c, mode == Consistency.STRONG)).toList();
      if (mode == Consistency.EVENTUAL) {
        await(CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)));
        return null;
      }
      List<Event> outcomes = new ArrayList<>();
      for (CompletableFuture<Event> event : events) {
        outcomes.add(await(event));
      }
      return outcomes;
    } finally {
      commands.forEach(c -> outcomes.forget(c.commandId(), null));
    }
  }

  private enum Hop {
    APPENDED, STORED, APPLIED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The hop timers, registered at start: {@code appended} for both modes, {@code stored} and
   * {@code applied} for strong writes only (an eventual write waits for neither: a timer for it would
   * only ever read zero).
   */
  private static final class Hops {
    private final Map<Hop, Map<Consistency, Timer>> timers = new EnumMap<>(Hop.class);

    Hops(MeterRegistry meters) {
      if (meters == null) {
        return;
      }
      for (Hop hop : Hop.values()) {
        Map<Consistency, Timer> byMode = new EnumMap<>(Consistency.class);
        for (Consistency mode : Consistency.values()) {
          if (hop != Hop.APPENDED && mode != Consistency.STRONG) {
            continue;
          }
          byMode.put(mode, Timer.builder("mocks3.write.hop")
              .description("from a write's command being submitted to each hop it waits for")
              .tag("hop", hop.tag()).tag("consistency", mode.name().toLowerCase(Locale.ROOT))
              .publishPercentiles(0.5, 0.99).register(meters));
        }
        timers.put(hop, byMode);
      }
    }

    /** Records, when {@code reached} completes normally, the time since {@code since}. */
    void time(CompletableFuture<?> reached, Hop hop, Consistency mode, long since) {
      if (timers.isEmpty() || reached == null) {
        return;
      }
      Timer timer = timers.get(hop).get(mode);
      if (timer == null) {
        return;
      }
      reached.thenRun(() -> timer.record(System.nanoTime() - since, TimeUnit.NANOSECONDS));
    }
  }

  private <T> T await(CompletableFuture<T> future) {
    Duration within = WriteTimeout.orElse(timeout);
    try {
      return future.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "The write was not confirmed within " + within + ".");
    } catch (ExecutionException e) {
      throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, "The write could not be appended: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, "interrupted");
    }
  }
}
