package io.mocks3.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Real clients for the gateway: the AWS SDK for Java v2 with its defaults, and plain HTTP. */
final class Clients {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Clients() {}

  /** Today's SDK defaults (aws-chunked uploads with CRC32 trailers), path-style addressing. */
  static S3Client s3() {
    return S3Client.builder()
        .endpointOverride(LocalStackExtension.gateway())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "thing")))
        .forcePathStyle(true)
        .httpClient(ApacheHttpClient.builder().maxConnections(32).build())
        .build();
  }

  static HttpResponse<String> http(String method, String pathAndQuery, byte[] body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(LocalStackExtension.gateway() + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
