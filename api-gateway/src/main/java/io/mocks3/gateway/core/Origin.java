package io.mocks3.gateway.core;

/**
 * Read-through back-fill (a MockS3 extension): a bucket whose configuration names an origin has
 * a key it misses fetched from that upstream S3 endpoint, stored through the ordinary write path,
 * then served.
 */
public interface Origin {
  /** What the origin had. */
  enum Outcome { STORED, NOT_FOUND }

  /**
   * Fetches {@code bucket/key} from the bucket's origin and stores it; returns once it is readable
   * (STORED) or the origin does not have it (NOT_FOUND). When the origin cannot answer now (down,
   * slow, its circuit open, fetches throttled) throws an S3Exception with a 503 (SlowDown,
   * ServiceUnavailable): the fetch is retried in the background.
   */
  Outcome backfill(String bucket, String key);
}
