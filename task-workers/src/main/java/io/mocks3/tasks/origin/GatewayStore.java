package io.mocks3.tasks.origin;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Stores a fetched object through the gateway's ordinary PUT, so it is replicated, projected and
 * notified like any write. The PUT is conditional ({@code If-None-Match: *}): an object a client
 * wrote meanwhile wins.
 */
final class GatewayStore {
  private final URI gatewayUrl;
  private final Duration timeout;
  private final HttpClient gateway = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();

  GatewayStore(URI gatewayUrl, Duration timeout) {
    this.gatewayUrl = gatewayUrl;
    this.timeout = timeout;
  }

  /** Stores the staged bytes, unless a client wrote the key meanwhile. */
  void store(String bucket, String key, Path staged, Fetched fetched) throws IOException, InterruptedException {
    HttpRequest.Builder put = HttpRequest.newBuilder(objectUri(bucket, key))
        .timeout(timeout)
        .header("If-None-Match", "*")
        .header("Content-MD5", Base64.getEncoder().encodeToString(fetched.md5()))
        .header("x-mocks3-consistency", "strong");
    fetched.headers().forEach(put::header);
    fetched.metadata().forEach((name, value) -> put.header("x-amz-meta-" + name, value));
    HttpResponse<String> response = gateway.send(put.PUT(HttpRequest.BodyPublishers.ofFile(staged)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 && response.statusCode() != 412) {
      throw new IOException("the gateway answered " + response.statusCode() + " to the back-fill PUT: " + response.body());
    }
  }

  /** The object's path-style URL on the gateway, the key's slashes kept. */
  URI objectUri(String bucket, String key) {
    String path = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    return URI.create(gatewayUrl.toString().replaceAll("/+$", "") + "/" + bucket + "/" + path);
  }
}
