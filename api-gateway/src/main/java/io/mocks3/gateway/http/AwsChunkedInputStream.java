package io.mocks3.gateway.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the {@code aws-chunked} body framing of streaming SigV4 and trailing-checksum uploads
 * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}, {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}),
 * yielding only the client's bytes. Chunk signatures are not checked (MockS3 does no auth);
 * trailers such as {@code x-amz-checksum-crc32} are kept for {@link #trailers()}.
 *
 * <p>Framing: {@code hex-size[;chunk-signature=...]\r\n data \r\n} ... {@code 0[;...]\r\n}
 * then trailer lines {@code name:value\r\n} and a closing {@code \r\n}.
 */
public final class AwsChunkedInputStream extends InputStream {
  private static final int MAX_LINE = 4096;
  private final InputStream in;
  private final Map<String, String> trailers = new LinkedHashMap<>();
  private long remainingInChunk;
  private boolean done;

  public AwsChunkedInputStream(InputStream in) {
    this.in = in;
  }

  /**
   * Whether a body is aws-chunked framed: its {@code x-amz-content-sha256} says STREAMING-..., or it
   * names {@code aws-chunked} as its Content-Encoding with the length of the decoded body
   * ({@code x-amz-decoded-content-length}). A Content-Encoding of aws-chunked alone frames nothing: S3
   * stores such a body as sent (boto3 sends one when a user names that encoding).
   */
  public static boolean applies(String contentSha256, String contentEncoding, String decodedContentLength) {
    return (contentSha256 != null && contentSha256.startsWith("STREAMING-"))
        || (contentEncoding != null && contentEncoding.contains("aws-chunked") && decodedContentLength != null);
  }

  /** Trailing headers, available once the stream has been read to its end. */
  public Map<String, String> trailers() {
    return Collections.unmodifiableMap(trailers);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (done) {
      return -1;
    }
    if (remainingInChunk == 0) {
      remainingInChunk = nextChunkSize();
      if (remainingInChunk == 0) {
        readTrailers();
        done = true;
        return -1;
      }
    }
    int n = in.read(buf, off, (int) Math.min(len, remainingInChunk));
    if (n < 0) {
      throw new EOFException("aws-chunked body ended inside a chunk");
    }
    remainingInChunk -= n;
    if (remainingInChunk == 0) {
      expectCrlf();
    }
    return n;
  }

  private long nextChunkSize() throws IOException {
    String line = readLine();
    if (line == null) {
      throw new EOFException("aws-chunked body ended before its final chunk");
    }
    int semicolon = line.indexOf(';');
    String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
    try {
      long size = Long.parseLong(hex, 16);
      if (size < 0) {
        throw new NumberFormatException(hex);
      }
      return size;
    } catch (NumberFormatException e) {
      throw new MalformedFramingException("bad aws-chunked chunk header: " + line);
    }
  }

  private void readTrailers() throws IOException {
    String line;
    while ((line = readLine()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        trailers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
  }

  private void expectCrlf() throws IOException {
    if (in.read() != '\r' || in.read() != '\n') {
      throw new MalformedFramingException("aws-chunked chunk not followed by CRLF");
    }
  }

  /** A CRLF-terminated line, without the CRLF; null at end of stream. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.US_ASCII);
      }
      if (line.size() >= MAX_LINE) {
        throw new MalformedFramingException("aws-chunked line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** The body is not valid aws-chunked framing. */
  public static final class MalformedFramingException extends IOException {
    MalformedFramingException(String message) {
      super(message);
    }
  }
}
