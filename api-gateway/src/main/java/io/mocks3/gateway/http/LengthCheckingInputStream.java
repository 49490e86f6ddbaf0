package io.mocks3.gateway.http;

import java.io.EOFException;
import java.io.InputStream;

/** Fails with {@link EOFException} (IncompleteBody) when a body ends short of, or runs past, its declared length. */
final class LengthCheckingInputStream extends CountedInputStream {
  private final long expected;

  /** @param expected declared length, or -1 when the client declared none */
  LengthCheckingInputStream(InputStream in, long expected) {
    super(in);
    this.expected = expected;
  }

  @Override
  protected void read(long seen) throws EOFException {
    if (expected >= 0 && seen > expected) {
      throw new EOFException("body longer than its declared " + expected + " bytes");
    }
  }

  @Override
  protected void ended(long seen) throws EOFException {
    if (expected >= 0 && seen != expected) {
      throw new EOFException("body of " + seen + " bytes, declared " + expected);
    }
  }
}
