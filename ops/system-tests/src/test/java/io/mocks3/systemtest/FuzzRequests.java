package io.mocks3.systemtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random S3 requests for {@link S3FuzzIT}, written byte by byte on a socket so that nothing
 * (an HTTP client's checks) stands between the fuzz and the gateway: methods, sub-resources,
 * keys (unicode, NUL, 1,025 bytes, "..", raw and percent-encoded), headers, bodies, and a
 * Content-Length that may not match the body.
 */
final class FuzzRequests {
  static final List<String> KEYS = List.of("plain.txt", "dir/a", "dir/b/c", "ünïcødé/日本語", "emoji-😀", "..", "../up", "a/../b",
      "a//b", "%2F", "space key", "plus+key", "q?mark", "hash#key", "ctl\u0001key", "nul\0key", "x".repeat(1024),
      "y".repeat(1025), "", "/", "tab\tkey", "\uFFFF", "dir/", "keep/1", "keep/2");
  private static final String[] METHODS = {"GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH", "FOO"};
  private static final String[] SUBRESOURCES = {"", "acl", "tagging", "uploads", "uploadId=%s", "partNumber=%s&uploadId=%s",
      "versionId=%s", "versions", "list-type=2", "delete", "versioning", "location", "cors", "retention", "select&select-type=2",
      "attributes", "torrent", "website", "policy", "notification", "lifecycle", "mocks3-origin", "prefix=%s", "delimiter=%s",
      "delimiter=%%00", "prefix=%%00",
      "max-keys=%s", "marker=%s", "encoding-type=%s", "list-type=2&continuation-token=%s", "list-type=2&start-after=%s",
      "versions&key-marker=%s&version-id-marker=%s", "uploads&key-marker=%s&upload-id-marker=%s", "list-type=2&fetch-owner=%s"};
  private static final String[] VALUES = {"", "0", "-1", "abc", "99999999999", "null", "%00", "%zz", "%C3%A9", "url", "a%2Fb", "../",
      "0b7e3d6c-1f7a-4c1e-9d3e-2a8f6c4b5e71", "%F0%9F%98%80", "x".repeat(300)};
  private static final String[][] HEADERS = {
      {"Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA=="}, {"Content-MD5", "not base64"}, {"x-amz-checksum-sha256", "garbage"},
      {"x-amz-checksum-crc32", "AAAAAA=="}, {"x-amz-copy-source", "/%BUCKET%/plain.txt"}, {"x-amz-copy-source", "nowhere"},
      {"x-amz-copy-source-range", "bytes=9-1"}, {"Range", "bytes=abc"}, {"Range", "bytes=0-0"}, {"If-Match", "\"nope\""},
      {"If-None-Match", "*"}, {"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"}, {"Content-Encoding", "aws-chunked"},
      {"x-amz-decoded-content-length", "-5"}, {"x-amz-meta-name", "välue"}, {"x-amz-tagging", "a=%%%"}, {"x-amz-acl", "public-read"},
      {"x-amz-sdk-checksum-algorithm", "MD4"}, {"x-mocks3-consistency", "sideways"}, {"x-amz-metadata-directive", "MOVE"},
      {"x-amz-object-attributes", "Nothing"}, {"Content-Type", "application/x-www-form-urlencoded"}, {"Expires", "yesterday"}};
  private static final String[] BODIES = {"", "<Delete><Object><Key>plain.txt</Key></Object></Delete>",
      "<Delete><Quiet>true</Quiet><Object><Key>keep/1</Key></Object>", "<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>",
      "<VersioningConfiguration><Status>Sideways</Status></VersioningConfiguration>", "<<<>>>", "\0\0\0",
      "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>",
      "5\r\nhello\r\n0\r\n\r\n", "zz;chunk-signature=1\r\n"};

  /**
   * One request: what it mutates if it succeeds (null: nothing; a key of {@link #KEYS}, or "*"),
   * and how its body is cut. {@code declaredLength} differs from the body's when the fuzz lies.
   */
  record Request(String method, String target, List<String[]> headers, byte[] body, long declaredLength, Ending ending,
      String touches) {
    String describe() {
      return method + " " + target + " headers=" + headers.stream().map(h -> h[0] + ": " + h[1]).toList() + " body="
          + body.length + "B declared=" + declaredLength + " " + ending;
    }
  }

  /** How a body that is shorter than declared ends: the client half-closes, or waits for the gateway's read timeout. */
  enum Ending { COMPLETE, HALF_CLOSE, STALL }

  private FuzzRequests() {}

  static Request random(Random random, String bucket, int stallsLeft) {
    String method = pick(random, METHODS);
    String key = pick(random, KEYS);
    boolean onKey = random.nextInt(3) > 0;
    boolean raw = random.nextInt(8) == 0;
    String path = "/" + (random.nextInt(30) == 0 ? pick(random, new String[] {"UPPER", "a", "no-such-bucket-fz", ".."}) : bucket)
        + (onKey ? "/" + (raw ? key : encode(key)) : "");
    String sub = pick(random, SUBRESOURCES).formatted(pick(random, VALUES), pick(random, VALUES));
    String target = sub.isEmpty() ? path : path + "?" + sub;
    List<String[]> headers = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      String[] h = HEADERS[random.nextInt(HEADERS.length)];
      headers.add(new String[] {h[0], h[1].replace("%BUCKET%", bucket)});
    }
    byte[] body = body(random);
    long declared = body.length;
    Ending ending = Ending.COMPLETE;
    int lie = random.nextInt(20);
    if (lie == 0) {
      declared = body.length + 1 + random.nextInt(100);
      ending = stallsLeft > 0 && random.nextInt(4) == 0 ? Ending.STALL : Ending.HALF_CLOSE;
    } else if (lie == 1 && body.length > 0) {
      declared = random.nextInt(body.length);
    }
    boolean mutating = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    // A raw key may reach the gateway as another key (a '?' starts the query): only an encoded one names its key for sure.
    String touches = !mutating ? null : onKey && !raw ? key : "*";
    return new Request(method, target, headers, body, declared, ending, touches);
  }

  private static byte[] body(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> new byte[0];
      case 1 -> {
        byte[] bytes = new byte[random.nextInt(2048)];
        random.nextBytes(bytes);
        yield bytes;
      }
      default -> pick(random, BODIES).getBytes(StandardCharsets.UTF_8);
    };
  }

  /**
   * Sends the request on a fresh connection and answers the status: 0 when the gateway answered
   * nothing; 499 (a refusal) when it closed the connection before the request was all written.
   */
  static Answer send(String host, int port, Request r) throws IOException {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(40_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\n")
          .append("Host: ").append(host).append(':').append(port).append("\r\nConnection: close\r\n")
          .append("Content-Length: ").append(r.declaredLength()).append("\r\n");
      r.headers().forEach(h -> head.append(h[0]).append(": ").append(h[1]).append("\r\n"));
      boolean written;
      try {
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.write(r.body());
        out.flush();
        if (r.ending() == Ending.HALF_CLOSE) {
          socket.shutdownOutput();
        }
        written = true;
      } catch (IOException e) {
        written = false; // the gateway answered (and closed) before reading all of it: read what it said
      }
      Answer answer = Answer.read(socket.getInputStream());
      return answer.status() == 0 && !written ? new Answer(499, "closed by the gateway before the request was sent") : answer;
    }
  }

  /** The status line's code and the start of the body. */
  record Answer(int status, String text) {
    static Answer read(InputStream in) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0 && all.size() < 1 << 20; ) {
          all.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException | java.net.SocketException e) {
        // what arrived before the timeout or reset is the answer
      }
      String text = all.toString(StandardCharsets.UTF_8);
      int status = text.startsWith("HTTP/1.1 ") && text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : 0;
      return new Answer(status, text.length() > 600 ? text.substring(0, 600) : text);
    }
  }

  /** RFC 3986 percent-encoding of a key in a path: everything but unreserved characters and '/'. */
  static String encode(String key) {
    StringBuilder out = new StringBuilder();
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
