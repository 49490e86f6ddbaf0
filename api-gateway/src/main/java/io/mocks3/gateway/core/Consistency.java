package io.mocks3.gateway.core;

import io.mocks3.schemas.s3.S3ErrorCode;

/**
 * When a write answers. STRONG: once its event and W storage acknowledgements arrived, so the
 * object is readable (today's AWS S3). EVENTUAL: once its records are durable in the log; reads
 * may lag, which is what a test of eventual consistency wants.
 */
public enum Consistency {
  STRONG,
  EVENTUAL;

  /** Request header that chooses the mode for one request. */
  public static final String HEADER = "x-mocks3-consistency";

  public static Consistency parse(String value, Consistency fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, HEADER + " must be strong or eventual");
    }
  }
}
