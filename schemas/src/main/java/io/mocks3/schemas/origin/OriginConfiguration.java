package io.mocks3.schemas.origin;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A bucket's origin: the upstream S3 endpoint a GET or HEAD of a key the bucket does not hold is
 * fetched from, stored (through the ordinary write path) and served. The gateway stores it (JSON,
 * kind {@value #KIND}) from {@code PUT /{bucket}?mocks3-origin}; the task workers fetch by it.
 *
 * @param endpoint the upstream's base URL ({@code http(s)://host[:port]}), e.g. another MockS3 or S3 itself
 * @param bucket the upstream bucket; the bucket's own name when null
 * @param region the region requests are signed for; {@code us-east-1} when null
 * @param accessKeyId credentials for the upstream; anonymous requests when null
 * @param secretAccessKey the secret of {@code accessKeyId}
 * @param pathStyle path-style addressing ({@code endpoint/bucket/key}); virtual-hosted when false
 * @param requestsPerSecond fetches a second this upstream is sent at most; the task workers' default when null
 */
public record OriginConfiguration(String endpoint, String bucket, String region, String accessKeyId,
    String secretAccessKey, Boolean pathStyle, Integer requestsPerSecond) {
  public static final String KIND = "origin";
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** The configuration with its defaults filled in for {@code ownBucket}; IllegalArgumentException names what is wrong. */
  public OriginConfiguration resolved(String ownBucket) {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException("endpoint is required: the upstream's http(s)://host[:port]");
    }
    URI uri;
    try {
      uri = URI.create(endpoint.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("endpoint is not a URL: " + endpoint);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("endpoint must be an http:// or https:// URL with a host: " + endpoint);
    }
    String upstream = bucket == null || bucket.isBlank() ? ownBucket : bucket.trim();
    if (!BUCKET.matcher(upstream).matches()) {
      throw new IllegalArgumentException("bucket is not a valid S3 bucket name: " + upstream);
    }
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException("accessKeyId and secretAccessKey go together");
    }
    if (requestsPerSecond != null && requestsPerSecond < 1) {
      throw new IllegalArgumentException("requestsPerSecond must be at least 1");
    }
    return new OriginConfiguration(uri.toString().replaceAll("/+$", ""), upstream,
        region == null || region.isBlank() ? "us-east-1" : region.trim(), accessKeyId, secretAccessKey,
        pathStyle == null || pathStyle, requestsPerSecond);
  }

  /** As shown to a reader of the configuration: the secret replaced. */
  public OriginConfiguration redacted() {
    return new OriginConfiguration(endpoint, bucket, region, accessKeyId, secretAccessKey == null ? null : "********",
        pathStyle, requestsPerSecond);
  }
}
