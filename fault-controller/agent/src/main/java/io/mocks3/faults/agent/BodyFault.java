package io.mocks3.faults.agent;

import io.mocks3.schemas.fault.Action;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A body passed through a body action on its way to {@code out}: {@code throttle} paces it,
 * {@code truncate} stops it after some bytes (throwing {@link TruncatedByFault}), {@code corrupt}
 * flips bytes spread over it (same length); any other action passes it unchanged. Used by the
 * HTTP point on answers and by the task workers on what they fetch from an origin.
 */
public final class BodyFault extends OutputStream {
  private final OutputStream out;
  private final Action action;
  private final LongSupplier declaredLength;
  private final long started = System.nanoTime();
  private long written;
  private int corrupted;

  /** @param declaredLength the body's full length as announced (-1 when unknown), read when corrupting */
  public BodyFault(OutputStream out, Action action, LongSupplier declaredLength) {
    this.out = out;
    this.action = action;
    this.declaredLength = declaredLength;
  }

  /** Raised to break off a truncated body. */
  public static final class TruncatedByFault extends IOException {
    TruncatedByFault(long after) {
      super("body truncated by a fault after " + after + " bytes", null);
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    switch (action.type()) {
      case "throttle" -> throttled(bytes, offset, length);
      case "truncate" -> truncated(bytes, offset, length);
      case "corrupt" -> corrupted(bytes, offset, length);
      default -> out.write(bytes, offset, length);
    }
  }

  private void throttled(byte[] bytes, int offset, int length) throws IOException {
    long rate = Math.max(1, action.bytesPerSecond() == null ? 1024 : action.bytesPerSecond());
    int slice = (int) Math.max(1, Math.min(length, rate / 20));
    for (int at = offset; at < offset + length; at += slice) {
      int n = Math.min(slice, offset + length - at);
      out.write(bytes, at, n);
      out.flush();
      written += n;
      long due = started + written * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while throttling", e);
        }
      }
    }
  }

  private void truncated(byte[] bytes, int offset, int length) throws IOException {
    long limit = action.truncateAfter() == null ? 0 : action.truncateAfter();
    int allowed = (int) Math.max(0, Math.min(length, limit - written));
    out.write(bytes, offset, allowed);
    written += allowed;
    if (allowed < length) {
      out.flush();
      throw new TruncatedByFault(limit);
    }
  }

  /** Flips the bytes at evenly spread positions of the declared length (the first ones if unknown). */
  private void corrupted(byte[] bytes, int offset, int length) throws IOException {
    int count = action.corruptBytes() == null ? 1 : Math.max(1, action.corruptBytes());
    long declared = declaredLength.getAsLong();
    byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
    for (int i = 0; i < length && corrupted < count; i++) {
      long position = written + i;
      long target = declared > 0 ? (corrupted + 1) * declared / (count + 1) : corrupted;
      if (position == target) {
        copy[i] ^= (byte) 0xFF;
        corrupted++;
      }
    }
    out.write(copy, 0, length);
    written += length;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
