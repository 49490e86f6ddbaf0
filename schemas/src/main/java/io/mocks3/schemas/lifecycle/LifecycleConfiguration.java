package io.mocks3.schemas.lifecycle;

import io.mocks3.schemas.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * A bucket's lifecycle rules, as the gateway stores them (JSON, kind {@value #KIND}) from
 * PutBucketLifecycleConfiguration and the task workers' expiry sweep acts on them. Expirations are
 * acted on; transitions are kept (and returned) but change nothing: MockS3 has one storage class.
 *
 * <p>Time, as S3 counts it: an object expires {@code Days} days after it was written, rounded up to
 * the next midnight UTC (written 10:30 on the 15th, 3 days: expires at 00:00 on the 19th); a
 * version noncurrent since T expires so after T. A "day" may be shorter than 24 hours (a test's
 * {@code mocks3.lifecycle.day-length}); midnight is then the next multiple of that length since the
 * epoch. The gateway's {@code x-amz-expiration} ({@link #expiryOf}) and the task workers' sweep
 * ({@link #expiredIfWrittenBy}) use these two, so what the header promises is what the sweep does.
 */
public record LifecycleConfiguration(List<Rule> rules) {
  public static final String KIND = "lifecycle";

  public LifecycleConfiguration {
    rules = List.copyOf(rules);
  }

  /** A bucket's stored configuration (the JSON document of kind {@value #KIND}), as the gateway and the sweep read it. */
  public static LifecycleConfiguration read(String json) {
    try {
      return Json.mapper().readValue(json, LifecycleConfiguration.class);
    } catch (JacksonException e) {
      throw new IllegalStateException("a stored lifecycle configuration does not read", e);
    }
  }

  /** When an object expires, and by which rule (its ID). */
  public record Expiry(Instant at, String ruleId) {}

  /**
   * When the current object {@code key} ({@code size} bytes, {@code tags}, written at
   * {@code lastModified}) expires by this configuration's enabled Expiration rules (Days or Date)
   * whose filter it matches: the earliest of them; empty when none applies.
   */
  public Optional<Expiry> expiryOf(String key, long size, Map<String, String> tags, Instant lastModified, Duration day) {
    return rules.stream()
        .filter(r -> r.enabled() && (r.expirationDays() != null || r.expirationDate() != null))
        .filter(r -> r.filter().matches(key, size, tags))
        .map(r -> new Expiry(r.expirationDate() != null ? r.expirationDate()
            : midnightAfter(lastModified.plus(day.multipliedBy(r.expirationDays())), day), r.id() == null ? "" : r.id()))
        .min(Comparator.comparing(Expiry::at));
  }

  /**
   * The latest write (or noncurrent) time that {@code days} days have expired by {@code now}: an
   * object written at or before it expires ({@link #expiryOf} is at or before {@code now}), one
   * written after it does not yet.
   */
  public static Instant expiredIfWrittenBy(Instant now, int days, Duration day) {
    return midnightBefore(now, day).minus(day.multipliedBy(days));
  }

  /** {@code t} rounded up to the next midnight (a multiple of {@code day} since the epoch); a midnight stays. */
  static Instant midnightAfter(Instant t, Duration day) {
    Instant before = midnightBefore(t, day);
    return before.equals(t) ? t : before.plus(day);
  }

  /** {@code t} rounded down to its midnight (a multiple of {@code day} since the epoch). */
  static Instant midnightBefore(Instant t, Duration day) {
    long epochNanos = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    return t.minusNanos(Math.floorMod(epochNanos, day.toNanos()));
  }

  /**
   * One rule. {@code filter} says which objects; the rest are its actions, each null when absent.
   *
   * @param expirationDays current versions expire this many days after they were written
   * @param expirationDate ... or all expire from this midnight (UTC) on
   * @param expiredObjectDeleteMarker a delete marker that is the only version left of its key is removed
   * @param noncurrentDays a noncurrent version is removed this many days after it became noncurrent
   * @param abortIncompleteDays a multipart upload is aborted this many days after it was initiated
   * @param transitions kept as given: {@code {Days|Date, StorageClass}}; no effect in MockS3
   * @param noncurrentTransitions kept as given: {@code {NoncurrentDays, StorageClass}}; no effect in MockS3
   * @param legacyPrefix true when the rule named its prefix the way that predates {@code Filter} (a
   *     {@code Prefix} of the rule's own), so that it is answered as it was written; null otherwise
   */
  public record Rule(String id, boolean enabled, Filter filter, Integer expirationDays, Instant expirationDate,
      Boolean expiredObjectDeleteMarker, Integer noncurrentDays, Integer abortIncompleteDays,
      List<Map<String, String>> transitions, List<Map<String, String>> noncurrentTransitions, Boolean legacyPrefix) {

    public Rule {
      filter = filter == null ? Filter.ALL : filter;
      legacyPrefix = Boolean.TRUE.equals(legacyPrefix) ? Boolean.TRUE : null;
      transitions = transitions == null ? List.of() : List.copyOf(transitions);
      noncurrentTransitions = noncurrentTransitions == null ? List.of() : List.copyOf(noncurrentTransitions);
    }

    /** Whether the rule does anything MockS3 acts on. */
    public boolean expires() {
      return expirationDays != null || expirationDate != null || Boolean.TRUE.equals(expiredObjectDeleteMarker)
          || noncurrentDays != null || abortIncompleteDays != null;
    }
  }

  /**
   * Which objects a rule applies to: all of {@code prefix}, {@code tags} (every one), and the
   * object size strictly between the bounds; null (or empty) parts do not restrict.
   */
  public record Filter(String prefix, Map<String, String> tags, Long sizeGreaterThan, Long sizeLessThan) {
    public static final Filter ALL = new Filter(null, null, null, null);

    public Filter {
      prefix = prefix == null ? "" : prefix;
      tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean matches(String key, long size, Map<String, String> objectTags) {
      if (!key.startsWith(prefix)
          || sizeGreaterThan != null && size <= sizeGreaterThan
          || sizeLessThan != null && size >= sizeLessThan) {
        return false;
      }
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        if (objectTags == null || !tag.getValue().equals(objectTags.get(tag.getKey()))) {
          return false;
        }
      }
      return true;
    }
  }
}
