package io.mocks3.ops.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses off a keep-alive connection: the status, whether the server closes the
 * connection, and the body (Content-Length, chunked, or up to the close), kept or only counted.
 */
final class HttpResponseReader {
  private final InputStream in;
  private final StringBuilder line = new StringBuilder();
  private final byte[] sink = new byte[64 * 1024];

  HttpResponseReader(InputStream in) {
    this.in = in;
  }

  /** A response: its status, body length, body (when kept, and always for an error) and whether the connection ends. */
  record Response(int status, long length, byte[] body, boolean closes) {
  }

  /** The connection ended before the status line: a reused keep-alive connection the server had closed. */
  static final class ClosedBeforeAnswer extends IOException {
    ClosedBeforeAnswer() {
      super("the server closed the connection before answering");
    }
  }

  Response read(boolean headRequest, boolean keepBody) throws IOException {
    String statusLine = readLine(true);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: '" + statusLine + "'");
    }
    int status = Integer.parseInt(parts[1]);
    long contentLength = -1;
    boolean chunked = false;
    boolean closes = parts[0].equals("HTTP/1.0");
    for (String header = readLine(false); !header.isEmpty(); header = readLine(false)) {
      int colon = header.indexOf(':');
      String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> closes = value.contains("close") || (closes && !value.contains("keep-alive"));
        default -> { }
      }
    }
    boolean noBody = headRequest || status == 204 || status == 304 || status / 100 == 1;
    OutputStream body = keepBody || status >= 300 ? new ByteArrayOutputStream() : OutputStream.nullOutputStream();
    long length = noBody ? 0 : chunked ? copyChunked(body) : contentLength >= 0 ? copy(body, contentLength) : copyToEnd(body);
    byte[] kept = body instanceof ByteArrayOutputStream buffer ? buffer.toByteArray() : new byte[0];
    return new Response(status, length, kept, closes || (!noBody && !chunked && contentLength < 0));
  }

  private long copyChunked(OutputStream body) throws IOException {
    long total = 0;
    while (true) {
      String size = readLine(false);
      int extension = size.indexOf(';');
      long chunk = Long.parseLong((extension >= 0 ? size.substring(0, extension) : size).trim(), 16);
      if (chunk == 0) {
        while (!readLine(false).isEmpty()) {
          // trailers: none the bench needs
        }
        return total;
      }
      total += copy(body, chunk);
      readLine(false);
    }
  }

  private long copy(OutputStream body, long length) throws IOException {
    long remaining = length;
    while (remaining > 0) {
      int read = in.read(sink, 0, (int) Math.min(sink.length, remaining));
      if (read < 0) {
        throw new EOFException("the connection closed inside a response body");
      }
      body.write(sink, 0, read);
      remaining -= read;
    }
    return length;
  }

  private long copyToEnd(OutputStream body) throws IOException {
    long total = 0;
    for (int read = in.read(sink); read >= 0; read = in.read(sink)) {
      body.write(sink, 0, read);
      total += read;
    }
    return total;
  }

  private String readLine(boolean first) throws IOException {
    line.setLength(0);
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (first && line.isEmpty()) {
          throw new ClosedBeforeAnswer();
        }
        throw new EOFException("the connection closed inside a response head");
      }
      if (c == '\n') {
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
        return line.substring(0, end);
      }
      line.append((char) c);
    }
  }
}
