package io.mocks3.checker;

import io.mocks3.schemas.Json;
import io.mocks3.schemas.history.HistoryRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Writes history lines as JSON lines. Thread-safe: each record is one whole line; it assigns nothing. */
public final class HistoryWriter implements AutoCloseable {

  private final Writer out;

  public HistoryWriter(Writer out) {
    this.out = out;
  }

  public void write(HistoryRecord record) {
    String line = Json.mapper().writeValueAsString(record);
    synchronized (this) {
      try {
        out.write(line);
        out.write('\n');
        out.flush();
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot write the history", ex);
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
