package io.mocks3.gateway.http;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link EOFException} (IncompleteBody) when a body ends short of, or runs past, its declared length. */
final class LengthCheckingInputStream extends FilterInputStream {
  private final long expected;
  private long seen;

  /** @param expected declared length, or -1 when the client declared none */
  LengthCheckingInputStream(InputStream in, long expected) {
    super(in);
    this.expected = expected;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    count(b < 0 ? -1 : 1);
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    count(n);
    return n;
  }

  private void count(int n) throws EOFException {
    if (n > 0) {
      seen += n;
      if (expected >= 0 && seen > expected) {
        throw new EOFException("body longer than its declared " + expected + " bytes");
      }
    } else if (n < 0 && expected >= 0 && seen != expected) {
      throw new EOFException("body of " + seen + " bytes, declared " + expected);
    }
  }
}
