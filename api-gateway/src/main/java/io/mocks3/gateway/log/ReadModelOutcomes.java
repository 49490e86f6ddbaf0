package io.mocks3.gateway.log;

import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.event.CommittedOutcomes;
import io.mocks3.schemas.event.Event;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the read model's channel of committed outcomes ({@link CommittedOutcomes}) and hands
 * each event to the {@link OutcomeTracker}: a strong write is answered when PostgreSQL commits the
 * rows its command decided, without waiting for the projector's Kafka transaction behind them.
 *
 * <p>One connection of its own (a listener holds it for good), opened as the gateway's pool opens
 * its connections, through the same network link. When it breaks it is opened again a second
 * later; meanwhile, and for what is never notified (rejections, events too large), outcomes come by
 * the log alone, as they always do too.
 */
public final class ReadModelOutcomes implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReadModelOutcomes.class);
  private static final Duration REOPEN = Duration.ofSeconds(1);
  private static final int WAIT_MS = 500;
  private final String url;
  private final String user;
  private final String password;
  private final OutcomeTracker tracker;
  private final JsonSerde<Event> events = JsonSerde.of(Event.class);
  private final Thread thread = new Thread(this, "read-model-outcomes");
  private volatile boolean running = true;

  public ReadModelOutcomes(String url, String user, String password, OutcomeTracker tracker) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.tracker = tracker;
  }

  public void start() {
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    while (running) {
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CommittedOutcomes.CHANNEL);
        }
        log.info("listening for committed outcomes on {}", CommittedOutcomes.CHANNEL);
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] received = pg.getNotifications(WAIT_MS);
          if (received != null) {
            for (PGNotification n : received) {
              deliver(n.getParameter());
            }
          }
        }
      } catch (SQLException e) {
        if (running) {
          log.warn("committed outcomes: {}; outcomes come by the log alone until the connection is open again", e.toString());
        }
      }
      pause();
    }
  }

  private void deliver(String payload) {
    try {
      tracker.committed(events.deserialize(Topics.EVENTS, payload.getBytes(StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      log.warn("skipping an unreadable committed outcome: {}", e.toString());
    }
  }

  private void pause() {
    if (!running) {
      return;
    }
    try {
      Thread.sleep(REOPEN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(WAIT_MS * 4L);
  }
}
