package io.mocks3.checker;

/** A history line the checker cannot use, naming the line (1-based) and the field. */
public final class HistoryFormatException extends RuntimeException {

  private final long line;
  private final String field;

  public HistoryFormatException(long line, String field, String problem) {
    super("line " + line + ", field '" + field + "': " + problem);
    this.line = line;
    this.field = field;
  }

  public long line() {
    return line;
  }

  public String field() {
    return field;
  }
}
