package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input gets the S3 error it deserves: never a 5xx, never a file outside the data directory. */
@ExtendWith(LocalStackExtension.class)
class BadInputIT {
  private static final String BUCKET = "bad-input";

  @BeforeAll
  static void bucket() throws Exception {
    assertThat(Clients.http("PUT", "/" + BUCKET, null).statusCode()).isEqualTo(200);
  }

  @Test
  void invalidBucketNamesAreInvalidBucketName() throws Exception {
    for (String name : new String[] {"UPPER", "ab", "a..b", "192.168.0.1", "-dash", "under_score"}) {
      HttpResponse<String> r = Clients.http("PUT", "/" + name, null);
      assertThat(r.statusCode()).as(name).isEqualTo(400);
      assertThat(r.body()).as(name).contains("<Code>InvalidBucketName</Code>");
    }
  }

  @Test
  void keysOver1024BytesAreKeyTooLong() throws Exception {
    HttpResponse<String> r = Clients.http("PUT", "/" + BUCKET + "/" + "k".repeat(1025), "x".getBytes());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>KeyTooLongError</Code>");
    assertThat(Clients.http("PUT", "/" + BUCKET + "/" + "k".repeat(1024), "x".getBytes()).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownConsistencyIsInvalidArgumentOnWritesAndReadsAndNothingIsStored() throws Exception {
    String object = "/" + BUCKET + "/sideways";
    for (String[] request : new String[][] {{"PUT", object}, {"GET", object}, {"HEAD", object}, {"GET", "/" + BUCKET + "?list-type=2"}}) {
      String name = request[0] + " " + request[1];
      HttpResponse<String> r = Clients.http(request[0], request[1], request[0].equals("PUT") ? "x".getBytes() : null,
          "x-mocks3-consistency", "sideways");
      assertThat(r.statusCode()).as(name).isEqualTo(400);
      if (!request[0].equals("HEAD")) {
        assertThat(r.body()).as(name).contains("<Code>InvalidArgument</Code>", "x-mocks3-consistency");
      }
    }
    assertThat(Clients.http("GET", "/" + BUCKET + "/sideways", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aWriteTimeoutThatIsNoDurationIsInvalidArgumentAndNothingIsStored() throws Exception {
    String object = "/" + BUCKET + "/impatient";
    for (String timeout : new String[] {"3", "soon", "0s", "1h"}) {
      HttpResponse<String> r = Clients.http("PUT", object, "x".getBytes(), "x-mocks3-write-timeout", timeout);
      assertThat(r.statusCode()).as(timeout).isEqualTo(400);
      assertThat(r.body()).as(timeout).contains("<Code>InvalidArgument</Code>", "x-mocks3-write-timeout", "got &quot;" + timeout + "&quot;");
    }
    assertThat(Clients.http("GET", object, null).statusCode()).isEqualTo(404);
    assertThat(Clients.http("PUT", object, "x".getBytes(), "x-mocks3-write-timeout", "20s").statusCode()).isEqualTo(200);
  }

  @Test
  void nulInAKeyIsRejected() throws Exception {
    HttpResponse<String> r = Clients.http("PUT", "/" + BUCKET + "/a%00b", "x".getBytes());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).containsAnyOf("<Code>InvalidArgument</Code>", "<Code>InvalidURI</Code>");
  }

  @Test
  void dotDotKeysAreNamesNotPaths() throws Exception {
    Path home = LocalStackExtension.layout().home();
    String key = "..%2F..%2F..%2Fescaped-" + System.nanoTime();
    assertThat(Clients.http("PUT", "/" + BUCKET + "/" + key, "inside".getBytes()).statusCode()).isEqualTo(200);
    assertThat(Clients.http("PUT", "/" + BUCKET + "/a/../../b", "dots".getBytes()).statusCode()).isEqualTo(200);

    HttpResponse<String> back = Clients.http("GET", "/" + BUCKET + "/" + key, null);
    assertThat(back.statusCode()).isEqualTo(200);
    assertThat(back.body()).isEqualTo("inside");
    assertThat(Clients.http("GET", "/" + BUCKET + "/a/../../b", null).body()).isEqualTo("dots");
    assertThat(Clients.http("GET", "/" + BUCKET + "?prefix=a/", null).body()).contains("<Key>a/../../b</Key>");
    try (Stream<Path> siblings = Files.list(home.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("escaped-"));
    }
  }

  @Test
  void malformedRangesAreIgnoredAndUnsatisfiableOnesAre416() throws Exception {
    Clients.http("PUT", "/" + BUCKET + "/ranged", "0123456789".getBytes());
    for (String range : new String[] {"bytes=abc", "lines=1-2", "bytes=5-2", "bytes=1-2,4-5", "bytes="}) {
      HttpResponse<String> r = Clients.http("GET", "/" + BUCKET + "/ranged", null, "Range", range);
      assertThat(r.statusCode()).as(range).isEqualTo(200);
      assertThat(r.body()).as(range).isEqualTo("0123456789");
    }
    HttpResponse<String> beyond = Clients.http("GET", "/" + BUCKET + "/ranged", null, "Range", "bytes=10-20");
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.body()).contains("<Code>InvalidRange</Code>");
    assertThat(Clients.http("GET", "/" + BUCKET + "/ranged", null, "Range", "bytes=8-100").body()).isEqualTo("89");
  }

  @Test
  void unknownBucketsAndKeysAre404WithS3Codes() throws Exception {
    HttpResponse<String> bucket = Clients.http("GET", "/no-such-bucket-here/k", null);
    assertThat(bucket.statusCode()).isEqualTo(404);
    assertThat(bucket.body()).contains("<Code>NoSuchBucket</Code>", "<RequestId>");
    assertThat(Clients.http("PUT", "/no-such-bucket-here/k", "x".getBytes()).body()).contains("<Code>NoSuchBucket</Code>");
    HttpResponse<String> key = Clients.http("GET", "/" + BUCKET + "/missing", null);
    assertThat(key.statusCode()).isEqualTo(404);
    assertThat(key.body()).contains("<Code>NoSuchKey</Code>");
    assertThat(Clients.http("HEAD", "/" + BUCKET + "/missing", null).statusCode()).isEqualTo(404);
  }

  @Test
  void badDigestAndUnimplementedSubresourcesAreS3Errors() throws Exception {
    HttpResponse<String> digest = Clients.http("PUT", "/" + BUCKET + "/digest", "hello".getBytes(),
        "Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA==");
    assertThat(digest.statusCode()).isEqualTo(400);
    assertThat(digest.body()).contains("<Code>BadDigest</Code>");
    assertThat(Clients.http("GET", "/" + BUCKET + "/digest", null).statusCode()).isEqualTo(404);

    HttpResponse<String> website = Clients.http("GET", "/" + BUCKET + "?website", null);
    assertThat(website.statusCode()).isEqualTo(501);
    assertThat(website.body()).contains("<Code>NotImplemented</Code>");
    HttpResponse<String> torrent = Clients.http("GET", "/" + BUCKET + "/digest?torrent", null);
    assertThat(torrent.statusCode()).isEqualTo(501);
  }

  @Test
  void formContentTypeBodiesAreObjectBytesNotForms() throws Exception {
    byte[] binary = new byte[4096];
    new java.util.Random(1).nextBytes(binary);
    for (byte[] body : new byte[][] {"a=1&b=2".getBytes(), binary}) {
      HttpResponse<String> put = Clients.http("PUT", "/" + BUCKET + "/form?x=1", body,
          "Content-Type", "application/x-www-form-urlencoded");
      assertThat(put.statusCode()).isEqualTo(200);
      HttpResponse<byte[]> back = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(LocalStackExtension.gateway() + "/" + BUCKET + "/form")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(back.body()).isEqualTo(body);
      assertThat(back.headers().firstValue("Content-Type")).hasValue("application/x-www-form-urlencoded");
    }
  }

  @Test
  void virtualHostedStyleAddressesTheBucketByHost() throws Exception {
    Clients.http("PUT", "/" + BUCKET + "/vhost.txt", "by host".getBytes());
    int port = LocalStackExtension.gateway().getPort();
    assertThat(raw("GET /vhost.txt HTTP/1.1\r\nHost: " + BUCKET + ".localhost:" + port + "\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200").endsWith("by host");
  }

  @Test
  void objectBytesOfUnstatedLengthAreRefusedAsS3RefusesThem_AndNothingIsStored_UnlessAwsChunkedStatesIt() throws Exception {
    String chunked = raw("PUT /" + BUCKET + "/chunked HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        + "Connection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertThat(chunked).startsWith("HTTP/1.1 501").contains("<Code>NotImplemented</Code>").contains("Transfer-Encoding");
    String unstated = raw("PUT /" + BUCKET + "/unstated HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(unstated).startsWith("HTTP/1.1 411").contains("<Code>MissingContentLength</Code>");
    assertThat(Clients.http("HEAD", "/" + BUCKET + "/chunked", null).statusCode()).isEqualTo(404);
    // An aws-chunked streaming upload states its length in x-amz-decoded-content-length: chunked is fine there.
    String framed = "5;chunk-signature=0\r\nhello\r\n0;chunk-signature=0\r\n\r\n";
    String streamed = raw("PUT /" + BUCKET + "/streamed HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        + "Content-Encoding: aws-chunked\r\nx-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD\r\n"
        + "x-amz-decoded-content-length: 5\r\nConnection: close\r\n\r\n"
        + Integer.toHexString(framed.length()) + "\r\n" + framed + "\r\n0\r\n\r\n");
    assertThat(streamed).startsWith("HTTP/1.1 200");
    assertThat(Clients.http("GET", "/" + BUCKET + "/streamed", null).body()).isEqualTo("hello");
    assertThat(Clients.http("HEAD", "/" + BUCKET + "/unstated", null).statusCode()).isEqualTo(404);
    // A bucket needs no body: CreateBucket without Content-Length stays fine.
    assertThat(raw("PUT /no-length-bucket HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
  }

  /** One request written as is on its own connection (closed by it), and the whole answer. */
  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", LocalStackExtension.gateway().getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void expectContinueIsAnsweredWithItsReasonPhrase() throws IOException {
    int port = LocalStackExtension.gateway().getPort();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /" + BUCKET + "/continue HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n"
          + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] interim = new byte["HTTP/1.1 100 Continue".length()];
      assertThat(in.readNBytes(interim, 0, interim.length)).isEqualTo(interim.length);
      assertThat(new String(interim, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue");
    }
  }
}
