package io.mocks3.ops.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 over one plain HTTP/1.1 keep-alive connection, as {@code wrk} drives a server: unsigned path-style
 * requests with a Content-Length, the target's headers and nothing else; no signing, no checksums, no
 * pool. A connection the server closed (after {@code Connection: close}, or idle) is reopened, and a
 * request that found a reused connection closed before any answer is sent once more on a new one.
 */
final class PlainHttpConnection implements S3Connection {
  private static final Pattern KEY_COUNT = Pattern.compile("<KeyCount>(\\d+)</KeyCount>");
  private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]+)</Code>");
  private static final int TIMEOUT_MILLIS = 120_000;

  private final InetSocketAddress address;
  private final String hostHeader;
  private final String bucketPath;
  private final byte[] fixedHeaders;
  private Socket socket;
  private HttpResponseReader reader;
  private OutputStream out;

  PlainHttpConnection(URI endpoint, String bucket, Map<String, String> headers) {
    int port = endpoint.getPort() > 0 ? endpoint.getPort() : 80;
    this.address = new InetSocketAddress(endpoint.getHost(), port);
    this.hostHeader = endpoint.getHost() + ":" + port;
    this.bucketPath = "/" + bucket;
    StringBuilder fixed = new StringBuilder();
    headers.forEach((name, value) -> fixed.append(name).append(": ").append(value).append("\r\n"));
    this.fixedHeaders = fixed.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void put(String key, ObjectBody body) {
    expectSuccess(exchange("PUT", objectPath(key), body, false));
  }

  @Override
  public long get(String key) {
    return expectSuccess(exchange("GET", objectPath(key), null, false)).length();
  }

  @Override
  public boolean exists(String key) {
    HttpResponseReader.Response response = exchange("HEAD", objectPath(key), null, false);
    return response.status() != 404 && expectSuccess(response) != null;
  }

  @Override
  public int list(String prefix, String delimiter, int maxKeys) {
    String query = "?list-type=2&max-keys=" + maxKeys + "&prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)
        + (delimiter == null ? "" : "&delimiter=" + URLEncoder.encode(delimiter, StandardCharsets.UTF_8));
    String xml = new String(expectSuccess(exchange("GET", bucketPath + query, null, true)).body(), StandardCharsets.UTF_8);
    Matcher count = KEY_COUNT.matcher(xml);
    if (!count.find()) {
      throw new RequestFailed(200, "NoKeyCount", "a ListObjectsV2 answer without KeyCount: " + abbreviated(xml));
    }
    return Integer.parseInt(count.group(1));
  }

  @Override
  public void delete(String key) {
    expectSuccess(exchange("DELETE", objectPath(key), null, false));
  }

  @Override
  public void close() {
    disconnect();
  }

  private String objectPath(String key) {
    // The bench's keys are letters, digits, '-' and '/': nothing to escape.
    return bucketPath + "/" + key;
  }

  private HttpResponseReader.Response exchange(String method, String path, ObjectBody body, boolean keepBody) {
    boolean reused = socket != null;
    try {
      return send(method, path, body, keepBody);
    } catch (HttpResponseReader.ClosedBeforeAnswer | java.net.SocketException e) {
      disconnect();
      if (!reused) {
        throw new UncheckedIOException(e);
      }
    } catch (IOException e) {
      disconnect();
      throw new UncheckedIOException(e);
    }
    try {
      return send(method, path, body, keepBody);
    } catch (IOException e) {
      disconnect();
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponseReader.Response send(String method, String path, ObjectBody body, boolean keepBody) throws IOException {
    if (socket == null) {
      connect();
    }
    String head = method + " " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nContent-Length: "
        + (body == null ? 0 : body.length()) + "\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(fixedHeaders);
    out.write('\r');
    out.write('\n');
    if (body != null) {
      body.writeTo(out);
    }
    out.flush();
    HttpResponseReader.Response response = reader.read("HEAD".equals(method), keepBody);
    if (response.closes()) {
      disconnect();
    }
    return response;
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(TIMEOUT_MILLIS);
    socket.connect(address, TIMEOUT_MILLIS);
    reader = new HttpResponseReader(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
    out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  private void disconnect() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a connection we give up on: nothing to do with a failure here
      }
      socket = null;
    }
  }

  private static HttpResponseReader.Response expectSuccess(HttpResponseReader.Response response) {
    if (response.status() / 100 == 2) {
      return response;
    }
    String body = new String(response.body(), StandardCharsets.UTF_8);
    Matcher code = ERROR_CODE.matcher(body);
    String kind = response.status() + (code.find() ? " " + code.group(1) : "");
    throw new RequestFailed(response.status(), kind, kind + ": " + abbreviated(body));
  }

  private static String abbreviated(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  /** Opens one plain connection per client thread to one target. */
  record Factory(URI endpoint, String bucket, Map<String, String> headers) implements S3Connection.Factory {
    @Override
    public S3Connection open() {
      return new PlainHttpConnection(endpoint, bucket, headers);
    }

    @Override
    public void close() {
      // each connection is closed by its thread
    }
  }
}
