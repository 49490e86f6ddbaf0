package io.mocks3.checker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Writes history events as JSON lines. Thread-safe: each event is one whole line; it assigns nothing. */
public final class HistoryWriter implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Writer out;

  public HistoryWriter(Writer out) {
    this.out = out;
  }

  public void write(HistoryEvent e) {
    String line;
    try {
      line = JSON.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException("cannot serialize " + e, ex);
    }
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
