package io.mocks3.gateway.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body whose bytes are counted as they are read, for the checks that judge a body by its length
 * (its declared Content-Length, a POST policy's length range): a subclass sees the count after
 * every read and once at the end, and fails the read by throwing.
 */
abstract class CountedInputStream extends FilterInputStream {
  private long seen;

  CountedInputStream(InputStream in) {
    super(in);
  }

  /** After a read that returned bytes: {@code seen} bytes so far. */
  protected abstract void read(long seen) throws IOException;

  /** At the end of the body, which held {@code seen} bytes. */
  protected abstract void ended(long seen) throws IOException;

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

  private void count(int n) throws IOException {
    if (n > 0) {
      seen += n;
      read(seen);
    } else if (n < 0) {
      ended(seen);
    }
  }
}
