package io.mocks3.sample;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The application under test: stores receipts as S3 objects, one per receipt id. A store that gets no
 * answer in time, or an error, is tried again ({@link Retries}); a receipt is stored once one attempt was
 * acknowledged.
 */
public final class ReceiptArchive {
  /**
   * The header with which a MockS3 client chooses a write's consistency: {@code eventual} acknowledges a
   * write once it is in MockS3's log, before it is applied (fast, and a write lost later goes unnoticed).
   */
  static final String CONSISTENCY_HEADER = "x-mocks3-consistency";

  private final S3Client s3;
  private final String bucket;
  private final Retries retries;
  private final boolean acknowledgeWhenLogged;

  /**
   * @param acknowledgeWhenLogged ask for eventual consistency: a store returns once the write is logged
   */
  public ReceiptArchive(S3Client s3, String bucket, Retries retries, boolean acknowledgeWhenLogged) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.acknowledgeWhenLogged = acknowledgeWhenLogged;
  }

  /** Creates the archive's bucket. */
  public void create() {
    s3.createBucket(b -> b.bucket(bucket));
  }

  /** Stores a receipt; returns how many attempts it took. Throws the last failure when every attempt failed. */
  public int store(String id, String text) {
    SdkException last = null;
    for (int attempt = 1; attempt <= retries.attempts(); attempt++) {
      try {
        s3.putObject(p -> p.bucket(bucket).key(key(id)).contentType("text/plain").overrideConfiguration(o -> {
          o.apiCallTimeout(retries.attemptTimeout());
          if (acknowledgeWhenLogged) {
            o.putHeader(CONSISTENCY_HEADER, "eventual");
          }
        }), RequestBody.fromString(text));
        return attempt;
      } catch (SdkException e) {
        last = e;
        pause(retries.backoff().multipliedBy(attempt));
      }
    }
    throw last;
  }

  /** The receipt, or empty when the archive does not have it. */
  public Optional<String> fetch(String id) {
    try {
      return Optional.of(s3.getObjectAsBytes(g -> g.bucket(bucket).key(key(id))).asUtf8String());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  /** The object key of a receipt. */
  public static String key(String id) {
    return "receipts/" + id + ".txt";
  }

  private static void pause(Duration backoff) {
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted between attempts", e);
    }
  }

  /**
   * How stores are retried.
   *
   * @param attempts how many times a store is tried (1: never retried)
   * @param attemptTimeout how long one attempt may wait for its answer
   * @param backoff the pause after the n-th failed attempt is n times this
   */
  public record Retries(int attempts, Duration attemptTimeout, Duration backoff) {
    public Retries {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
      }
    }

    /** One attempt, never retried. */
    public static Retries none() {
      return new Retries(1, Duration.ofSeconds(30), Duration.ZERO);
    }

    /** {@code attempts} tries of at most {@code attemptTimeout} each, 100 ms more pause after each failure. */
    public static Retries of(int attempts, Duration attemptTimeout) {
      return new Retries(attempts, attemptTimeout, Duration.ofMillis(100));
    }
  }
}
