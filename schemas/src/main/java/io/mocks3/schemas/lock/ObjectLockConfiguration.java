package io.mocks3.schemas.lock;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A bucket's Object Lock configuration, stored as JSON under {@link #KIND}: its presence means Object
 * Lock is enabled (set when the bucket is created with it, or later on a versioned bucket), and
 * {@code defaultRetention} (null for none) is what a new version without a retention of its own gets.
 */
public record ObjectLockConfiguration(DefaultRetention defaultRetention) {
  public static final String KIND = "object-lock";

  /** A mode and a period: exactly one of {@code days} and {@code years}, positive. */
  public record DefaultRetention(String mode, Integer days, Integer years) {
    public DefaultRetention {
      if (!ObjectLock.isMode(mode) || (days == null) == (years == null) || (days != null ? days : years) <= 0) {
        throw new IllegalArgumentException("a default retention has a mode and a positive number of days or years");
      }
    }

    /** The retain-until date of a version written at {@code at}. */
    public Instant until(Instant at) {
      return days != null ? at.plus(days, ChronoUnit.DAYS) : at.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
    }
  }

  /** The lock a version written at {@code at} with {@code own} (null: none) gets: its own retention, else the default. */
  public ObjectLock lockFor(ObjectLock own, Instant at) {
    if (defaultRetention == null || own != null && own.mode() != null) {
      return own;
    }
    ObjectLock base = own == null ? new ObjectLock(null, null, null) : own;
    return base.withRetention(defaultRetention.mode(), defaultRetention.until(at));
  }
}
