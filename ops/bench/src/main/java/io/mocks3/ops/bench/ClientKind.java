package io.mocks3.ops.bench;

import java.util.Locale;

/**
 * How a workload talks to its target. {@link #HTTP}: plain HTTP/1.1, one keep-alive connection per
 * client thread, unsigned path-style requests and nothing else, as light as {@code wrk}, so that its
 * figures are the ones any HTTP client sees. {@link #SDK}: the AWS SDK for Java v2 (signing, checksums,
 * its connection pool), as applications use it.
 */
public enum ClientKind {
  HTTP, SDK;

  static ClientKind parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown client '" + name + "' (http, sdk)");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
