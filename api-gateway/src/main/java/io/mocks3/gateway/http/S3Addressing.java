package io.mocks3.gateway.http;

import java.util.List;
import java.util.Locale;
import org.springframework.web.util.UriUtils;

/**
 * Finds bucket and key in a request, path-style ({@code host/bucket/key}) or virtual-hosted-style
 * ({@code bucket.<base domain>/key}). Keys are taken from the raw, still-encoded path and decoded
 * once, so "a//b", "a%2Fb" and "../x" reach the store exactly as the client named them.
 */
final class S3Addressing {
  private final List<String> baseDomains;

  S3Addressing(List<String> baseDomains) {
    this.baseDomains = baseDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
  }

  /** Bucket and key of a request; either may be null (service level, bucket level). */
  record Target(String bucket, String key) {}

  Target resolve(String hostHeader, String rawPath) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    String virtualBucket = virtualHostBucket(hostHeader);
    if (virtualBucket != null) {
      String key = path.length() > 1 ? decode(path.substring(1)) : null;
      return new Target(virtualBucket, key);
    }
    String rest = path.substring(1);
    if (rest.isEmpty()) {
      return new Target(null, null);
    }
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return new Target(decode(rest), null);
    }
    String key = rest.substring(slash + 1);
    return new Target(decode(rest.substring(0, slash)), key.isEmpty() ? null : decode(key));
  }

  private String virtualHostBucket(String hostHeader) {
    if (hostHeader == null) {
      return null;
    }
    String host = hostHeader.toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    if (colon > 0 && !host.endsWith("]")) {
      host = host.substring(0, colon);
    }
    for (String domain : baseDomains) {
      if (host.endsWith("." + domain) && host.length() > domain.length() + 1) {
        return host.substring(0, host.length() - domain.length() - 1);
      }
    }
    return null;
  }

  private static String decode(String raw) {
    return UriUtils.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
  }
}
