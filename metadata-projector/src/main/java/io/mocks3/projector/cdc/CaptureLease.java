package io.mocks3.projector.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who captures the read model's changes: of K projector instances exactly one runs the Debezium
 * engine (PostgreSQL's replication slot takes one consumer, and two engines would publish the same
 * changes out of order). The lease is a PostgreSQL session-level advisory lock held on a
 * connection of its own: it is released the moment that session ends, so a holder killed (or
 * cut off until PostgreSQL drops its session) lets a standby take over, and two holders can never
 * exist at once. The holder names itself in its session's {@code application_name}, so every
 * instance can tell who captures ({@link #holder()}).
 */
final class CaptureLease implements AutoCloseable {
  /** The advisory lock's key: (class, object), class 'm3' in ASCII, object 1 for change capture. */
  static final int LOCK_CLASS = 0x6d33;
  static final int LOCK_OBJECT = 1;
  private static final Logger log = LoggerFactory.getLogger(CaptureLease.class);
  private final ChangeCapture.Database database;
  private final String instance;
  private Connection session;

  /** @param instance this projector instance, as {@link #holder()} names it */
  CaptureLease(ChangeCapture.Database database, String instance) {
    this.database = database;
    this.instance = instance;
  }

  /** Takes the lease if nobody holds it; true when this instance holds it (now or already). */
  synchronized boolean tryAcquire() {
    try {
      if (held()) {
        return true;
      }
      if (session == null) {
        session = connect();
      }
      try (PreparedStatement s = session.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
        s.setInt(1, LOCK_CLASS);
        s.setInt(2, LOCK_OBJECT);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return r.getBoolean(1);
        }
      }
    } catch (SQLException e) {
      log.warn("cannot reach PostgreSQL for the change-capture lease: {}", e.toString());
      release();
      return false;
    }
  }

  /** Whether this instance still holds the lease: its session is alive and owns the lock. */
  synchronized boolean held() {
    if (session == null) {
      return false;
    }
    try (PreparedStatement s = session.prepareStatement(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = ? AND objid = ? AND granted"
            + " AND pid = pg_backend_pid()")) {
      s.setQueryTimeout(5);
      s.setInt(1, LOCK_CLASS);
      s.setInt(2, LOCK_OBJECT);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1) > 0;
      }
    } catch (SQLException e) {
      log.warn("lost the change-capture lease's session: {}", e.toString());
      release();
      return false;
    }
  }

  /** The instance holding the lease, as it named itself; empty when nobody does (or PostgreSQL cannot say). */
  Optional<String> holder() {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.classid = ? AND l.objid = ? AND l.granted")) {
      s.setInt(1, LOCK_CLASS);
      s.setInt(2, LOCK_OBJECT);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", database.user());
    p.setProperty("password", database.password() == null ? "" : database.password());
    p.setProperty("ApplicationName", instance);
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", "10");
    p.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(database.jdbcUrl(), p);
  }

  /** Gives the lease up (ending the session releases the lock). */
  synchronized void release() {
    if (session != null) {
      try {
        session.close();
      } catch (SQLException e) {
        log.debug("closing the lease's session: {}", e.toString());
      }
      session = null;
    }
  }

  @Override
  public void close() {
    release();
  }
}
