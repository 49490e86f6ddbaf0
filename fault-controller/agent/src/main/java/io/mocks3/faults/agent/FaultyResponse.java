package io.mocks3.faults.agent;

import io.mocks3.schemas.fault.Action;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An answer served through a body fault: {@code throttle} paces the body, {@code truncate} stops
 * it after some bytes and breaks the connection (the client sees fewer bytes than
 * Content-Length), {@code corrupt} flips bytes spread over it (same length), {@code wrong_etag}
 * replaces the ETag with another one.
 */
public final class FaultyResponse extends HttpServletResponseWrapper {
  private final Action action;
  private long declaredLength = -1;
  private FaultyStream stream;

  FaultyResponse(HttpServletResponse response, Action action) {
    super(response);
    this.action = action;
  }

  /** Raised to break off a truncated body; the container then drops the connection. */
  public static final class TruncatedByFault extends IOException {
    TruncatedByFault(long after) {
      super("body truncated by a fault after " + after + " bytes", null);
    }
  }

  @Override
  public void setContentLengthLong(long length) {
    declaredLength = length;
    super.setContentLengthLong(length);
  }

  @Override
  public void setContentLength(int length) {
    declaredLength = length;
    super.setContentLength(length);
  }

  @Override
  public void setHeader(String name, String value) {
    super.setHeader(name, etag(name, value));
  }

  @Override
  public void addHeader(String name, String value) {
    super.addHeader(name, etag(name, value));
  }

  private String etag(String name, String value) {
    if (!"wrong_etag".equals(action.type()) || !"ETag".equalsIgnoreCase(name) || value == null) {
      return value;
    }
    try {
      byte[] other = MessageDigest.getInstance("MD5").digest(("wrong:" + value).getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(other) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      stream = new FaultyStream(super.getOutputStream());
    }
    return stream;
  }

  void finish() throws IOException {
    if (stream != null) {
      stream.flush();
    }
  }

  private final class FaultyStream extends ServletOutputStream {
    private final ServletOutputStream out;
    private final long started = System.nanoTime();
    private long written;
    private int corrupted;

    FaultyStream(ServletOutputStream out) {
      this.out = out;
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
      byte[] copy = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
      for (int i = 0; i < length && corrupted < count; i++) {
        long position = written + i;
        long target = declaredLength > 0 ? (corrupted + 1) * declaredLength / (count + 1) : corrupted;
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

    @Override
    public boolean isReady() {
      return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      out.setWriteListener(listener);
    }
  }
}
