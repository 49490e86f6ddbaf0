package io.mocks3.schemas.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A bucket's lifecycle rules, as the gateway stores them (JSON, kind {@value #KIND}) from
 * PutBucketLifecycleConfiguration and the task workers' expiry sweep acts on them. Expirations are
 * acted on; transitions are kept (and returned) but change nothing: MockS3 has one storage class.
 */
public record LifecycleConfiguration(List<Rule> rules) {
  public static final String KIND = "lifecycle";

  public LifecycleConfiguration {
    rules = List.copyOf(rules);
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
