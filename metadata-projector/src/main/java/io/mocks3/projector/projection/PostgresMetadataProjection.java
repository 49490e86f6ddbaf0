package io.mocks3.projector.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.kafkaconfig.retry.RetrySettings;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.CommittedOutcomes;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;

/**
 * Bucket and object metadata in PostgreSQL, the gateway's read model. A batch of events (those of
 * one Kafka Streams commit) is one transaction: lock and read the batch's buckets' high-water marks,
 * write the rows of every event above its mark ({@link ReadModelWriter}, plain object writes as one
 * statement), write the raised marks, notify the events a writer waits for ({@link
 * CommittedOutcomes}), commit. An event at or below its mark was applied before and
 * changes nothing, so a batch applied twice (after a crash between this commit and the Kafka
 * transaction's) leaves the same rows. The statements go as one round trip
 * ({@link PipelinedStatements}), then the commit: when this projector wrote the buckets' marks last,
 * it decides against the marks it wrote and sends their lock first in that round trip; if the
 * locked marks differ (another writer moved them), the transaction is rolled back and done again
 * with the marks locked and read first.
 *
 * <p>A failed transaction is rolled back. A batch of one is retried as the policy
 * {@code mocks3.retries.projection} says (4 times at most, 50 ms apart and doubling, by default); a larger batch that fails is applied again one event per transaction, each retried
 * so (a fault that hits one event in a hundred does not fail the ninety-nine with it). After that
 * the failure goes up to the stream thread, which resumes from its last commit. The fault point
 * {@code metadata-db} is passed once per event, just before the commit: a delay is a slow
 * transaction that holds its locks, an error a transaction that fails and is rolled back.
 */
public final class PostgresMetadataProjection implements MetadataProjection {
  private static final Logger log = LoggerFactory.getLogger(PostgresMetadataProjection.class);
  /** Buckets whose last marks are kept; beyond, the hints start again from nothing. */
  private static final int MARKS_KEPT = 100_000;
  private static final JsonSerde<Event> EVENTS = JsonSerde.of(Event.class);
  private final DataSource dataSource;
  private final FaultAgent faults;
  private final RetryTemplate retries;
  private final Counter retried;
  private final DistributionSummary batchSizes;
  private final Timer transactions;
  private final Counter withheld;
  private final double queueGuard;
  /** The marks of the buckets this projector wrote last (a hint: see {@link HighWaterMarks#expect}). */
  private final Map<String, Long> committedMarks = new ConcurrentHashMap<>();
  private volatile long lastWithheldLog = System.nanoTime() - TimeUnit.MINUTES.toNanos(2);

  /** Without faults and metrics (tests, replays), retried as the projector's default {@code mocks3.retries.projection} says. */
  public PostgresMetadataProjection(DataSource dataSource) {
    this(dataSource, null, new RetryTemplate(new RetrySettings(5, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1)).policy()), null,
        CommittedOutcomes.QUEUE_GUARD);
  }

  /**
   * @param faults the agent of the {@code metadata-db} point; null for none
   * @param retries how a failed transaction is tried again ({@code Retries.template("projection")}, which counts them)
   * @param meters where batch sizes ({@code projection_batch_events}), transaction times
   *     ({@code projection_transaction_seconds}) and batches applied again one by one
   *     ({@code retry_attempts_total{task="projection"}}) are recorded, and awaited events whose
   *     notification was withheld ({@code mocks3_outcome_notifications_withheld_total}); null for nowhere
   * @param queueGuard the share of PostgreSQL's notification queue from which no notification is
   *     sent ({@link CommittedOutcomes#QUEUE_GUARD}; 0 sends none)
   */
  public PostgresMetadataProjection(DataSource dataSource, FaultAgent faults, RetryTemplate retries, MeterRegistry meters,
      double queueGuard) {
    this.dataSource = dataSource;
    this.faults = faults;
    this.retries = retries;
    this.retried = meters == null ? null : Counter.builder("retry.attempts")
        .description("attempts after a failure, by task").tag("task", "projection").register(meters);
    this.batchSizes = meters == null ? null : DistributionSummary.builder("projection.batch.events")
        .description("events applied to PostgreSQL in one transaction").register(meters);
    this.transactions = meters == null ? null : Timer.builder("projection.transaction")
        .description("time of one read-model transaction, from the connection to the commit").register(meters);
    this.withheld = meters == null ? null : Counter.builder("mocks3.outcome.notifications.withheld")
        .description("awaited events not notified because PostgreSQL's notification queue was filling").register(meters);
    this.queueGuard = queueGuard;
  }

  /** One event, one transaction (tests). */
  public void apply(Event event) {
    apply(List.of(ProjectedEvent.of(event)));
  }

  @Override
  public void apply(List<ProjectedEvent> batch) {
    List<ProjectedEvent> changing = batch.stream().filter(p -> !(p.event() instanceof CommandRejected)).toList();
    if (changing.size() > 1) {
      try {
        transaction(changing);
        return;
      } catch (ProjectionException e) {
        countRetry("a batch of " + changing.size() + " events failed and was rolled back; applying them one by one");
      }
    }
    for (ProjectedEvent one : changing) {
      withRetries(List.of(one));
    }
  }

  private void withRetries(List<ProjectedEvent> batch) {
    try {
      retries.execute(() -> {
        transaction(batch);
        return null;
      });
    } catch (RetryException e) {
      Throwable last = e.getCause() == null ? e : e.getCause();
      throw last instanceof RuntimeException r ? r : new ProjectionException("cannot project " + batch, last);
    }
  }

  private void countRetry(String message) {
    log.warn(message);
    if (retried != null) {
      retried.increment();
    }
  }

  private void transaction(List<ProjectedEvent> batch) {
    long started = System.nanoTime();
    Object[] buckets = HighWaterMarks.buckets(batch);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Map<String, Long> marks;
      try {
        marks = commit(c, batch, buckets, lastMarks(buckets));
      } catch (HighWaterMarks.Moved moved) {
        log.info("the high-water marks of {} moved since this projector wrote them (another writer applied events): "
            + "the batch is applied again with the marks locked first", Arrays.toString(buckets));
        marks = commit(c, batch, buckets, null);
      }
      remember(marks);
    } catch (SQLException e) {
      forget(buckets);
      throw new ProjectionException("cannot project " + batch.size() + " events, the first " + batch.get(0).event(), e);
    } catch (RuntimeException e) {
      forget(buckets);
      throw e;
    }
    if (transactions != null) {
      transactions.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      batchSizes.record(batch.size());
    }
  }

  /**
   * Applies the batch in {@code c}'s transaction and commits it: one round trip for its statements
   * and one for the commit when the marks are {@code expected}, one more to lock and read them
   * first when they are not known (null). Rolls back whatever fails.
   *
   * @return the batch's buckets' marks as committed
   */
  private Map<String, Long> commit(Connection c, List<ProjectedEvent> batch, Object[] buckets, Map<String, Long> expected)
      throws SQLException {
    try {
      PipelinedStatements pending = new PipelinedStatements();
      HighWaterMarks marks = expected == null
          ? HighWaterMarks.lock(c, pending, buckets) : HighWaterMarks.expect(c, pending, expected);
      ReadModelWriter writer = new ReadModelWriter(c, pending);
      for (ProjectedEvent p : batch) {
        if (marks.raise(p.event())) {
          writer.write(p.event());
        }
      }
      writer.flush();
      marks.save(c, pending);
      notifyAwaited(c, pending, batch);
      pending.send(c);
      batch.forEach(this::inject);
      c.commit();
      return marks.all();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /**
   * The marks this projector committed last for every one of {@code buckets}, or null when one is
   * not known: a hint, checked under the lock in the transaction itself.
   */
  private Map<String, Long> lastMarks(Object[] buckets) {
    Map<String, Long> marks = new HashMap<>();
    for (Object bucket : buckets) {
      Long mark = committedMarks.get(bucket);
      if (mark == null) {
        return null;
      }
      marks.put((String) bucket, mark);
    }
    return marks;
  }

  private void remember(Map<String, Long> marks) {
    if (committedMarks.size() > MARKS_KEPT) {
      committedMarks.clear();
    }
    committedMarks.putAll(marks);
  }

  private void forget(Object[] buckets) {
    for (Object bucket : buckets) {
      committedMarks.remove(bucket);
    }
  }

  /**
   * Adds the batch's awaited events as notifications on {@link CommittedOutcomes#CHANNEL}, one
   * statement: PostgreSQL delivers them when this transaction commits, and never if it rolls back.
   * An event whose JSON is too large for a notification is left to the log, and so is every event
   * while PostgreSQL's notification queue is {@link CommittedOutcomes#QUEUE_GUARD} full or more: a
   * listener that stops reading (its connection blackholed) holds the queue, and a full queue would
   * fail this commit, and every one after it, where the writers lose only the shortcut.
   */
  private void notifyAwaited(Connection c, PipelinedStatements pending, List<ProjectedEvent> batch) throws SQLException {
    List<String> payloads = new ArrayList<>();
    for (ProjectedEvent p : batch) {
      if (p.awaited()) {
        byte[] json = EVENTS.serialize(Topics.EVENTS, p.event());
        if (json.length <= CommittedOutcomes.MAX_PAYLOAD_BYTES) {
          payloads.add(new String(json, StandardCharsets.UTF_8));
        }
      }
    }
    if (payloads.isEmpty()) {
      return;
    }
    int notify = pending.add("SELECT count(pg_notify('" + CommittedOutcomes.CHANNEL + "', payload))"
        + " FROM unnest(?::text[]) AS payload WHERE pg_notification_queue_usage() < ?",
        c.createArrayOf("text", payloads.toArray()), queueGuard);
    pending.check(notify, rows -> {
      if (((Number) rows.get(0)[0]).longValue() < payloads.size()) {
        withheld(payloads.size());
      }
    });
  }

  /** Notifications withheld by the queue's guard: counted, and logged once a minute at most. */
  private void withheld(int events) {
    if (withheld != null) {
      withheld.increment(events);
    }
    long now = System.nanoTime();
    if (now - lastWithheldLog > TimeUnit.MINUTES.toNanos(1)) {
      lastWithheldLog = now;
      log.warn("PostgreSQL's notification queue is at least {}% full (a listener has stopped reading): {} awaited events "
          + "reach their writers by the log only", Math.round(queueGuard * 100), events);
    }
  }

  /**
   * The {@code metadata-db} fault point for one event: a delay holds the open transaction, an error
   * fails it (it is rolled back). The fault names the event's command and client request.
   */
  private void inject(ProjectedEvent projected) {
    if (faults == null || !faults.armed()) {
      return;
    }
    Event event = projected.event();
    String key = event instanceof ObjectCreated o ? o.key().value() : event instanceof ObjectDeleted d ? d.key().value() : null;
    String operation = event.getClass().getSimpleName();
    try (var commandInLog = MDC.putCloseable("commandId", event.commandId());
        var requestInLog = MDC.putCloseable("requestId", projected.requestId())) {
      faults.apply(new FaultTarget("metadata-db", "metadata-db", operation, event.bucket().value(), key, null,
          "metadata-db " + operation + " " + event.bucket().value() + (key == null ? "" : "/" + key)));
    } catch (InjectedFault f) {
      throw new ProjectionException("injected: transaction failed (" + f.getMessage() + ")", f);
    }
  }

  /** PostgreSQL refused an event; the caller retries rather than lose it. */
  public static final class ProjectionException extends RuntimeException {
    ProjectionException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
