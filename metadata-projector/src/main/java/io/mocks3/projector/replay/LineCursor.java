package io.mocks3.projector.replay;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * A side of the check read once, in {@link Line#ID_ORDER}, one line at a time. Where a side
 * names an identity twice in a row the last one counts (as a map put would have it); a side
 * that goes back in order is an error, never a silent wrong answer.
 */
interface LineCursor extends Iterator<Line>, AutoCloseable {
  @Override
  void close();

  /** Lines of a stream (a database cursor, say), closing the stream with the cursor. */
  static LineCursor of(String side, Stream<Line> lines) {
    return new LastPerId(side, lines.iterator(), lines::close);
  }

  static LineCursor of(String side, Iterator<Line> lines) {
    return new LastPerId(side, lines, () -> {});
  }

  /** Keeps the last line of each run of equal ids; checks the order. */
  final class LastPerId implements LineCursor {
    private final String side;
    private final Iterator<Line> lines;
    private final Runnable onClose;
    private Line pending;

    LastPerId(String side, Iterator<Line> lines, Runnable onClose) {
      this.side = side;
      this.lines = lines;
      this.onClose = onClose;
      this.pending = lines.hasNext() ? lines.next() : null;
    }

    @Override
    public boolean hasNext() {
      return pending != null;
    }

    @Override
    public Line next() {
      if (pending == null) {
        throw new NoSuchElementException();
      }
      Line current = pending;
      pending = null;
      while (lines.hasNext()) {
        Line following = lines.next();
        int order = Line.ID_ORDER.compare(following.id(), current.id());
        if (order < 0) {
          throw new IllegalStateException(side + " is not in id order: " + following.id() + " after " + current.id());
        }
        if (order > 0) {
          pending = following;
          break;
        }
        current = following;
      }
      return current;
    }

    @Override
    public void close() {
      onClose.run();
    }
  }
}
