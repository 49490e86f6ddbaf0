package io.mocks3.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The whole read model as of one instant: the repositories on one REPEATABLE READ transaction, so
 * that every query sees the same snapshot, and with a fetch size, so that PostgreSQL streams a
 * large result through a cursor instead of the driver loading it whole. Closing ends the transaction.
 */
public final class ReadModelSnapshot implements AutoCloseable {
  /** Rows fetched per round trip: a bound on the memory a streamed query takes. */
  static final int FETCH_SIZE = 1000;
  private final Connection connection;
  private final JdbcClient jdbc;

  private ReadModelSnapshot(Connection connection) {
    this.connection = connection;
    JdbcTemplate template = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    template.setFetchSize(FETCH_SIZE);
    this.jdbc = JdbcClient.create(template);
  }

  public static ReadModelSnapshot open(DataSource dataSource) throws SQLException {
    Connection c = dataSource.getConnection();
    try {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      // PostgreSQL takes a repeatable-read snapshot at the transaction's first statement: taken now, so that
      // what happens after open() returns is not in it.
      try (var pin = c.createStatement()) {
        pin.execute("SELECT 1");
      }
      return new ReadModelSnapshot(c);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  public BucketRepository buckets() {
    return new BucketRepository(jdbc);
  }

  public ObjectRepository objects() {
    return new ObjectRepository(jdbc);
  }

  public BlobReferences blobs() {
    return new BlobReferences(jdbc);
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.commit();
    } finally {
      connection.close();
    }
  }
}
