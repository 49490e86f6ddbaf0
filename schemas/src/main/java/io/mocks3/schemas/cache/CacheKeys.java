package io.mocks3.schemas.cache;

/**
 * Names in the metadata cache. A captured row is keyed on {@code mocks3.cdc} by its table and
 * primary key ({@code objects:<bucket>/<key>}; bucket names hold no '/'); in Redis the same row
 * lives under {@code mocks3:cache:<row key>}, and the value it had before its latest change under
 * {@code mocks3:cache-prev:<row key>} (what a stale cache would still answer).
 *
 * <p>The projector's cache writer is the only writer; the gateway only reads.
 */
public final class CacheKeys {
  /** The table whose rows are cached: every key's current object version. */
  public static final String OBJECTS = "objects";
  /** Every Redis key of the cache starts with one of these. */
  public static final String CURRENT_PREFIX = "mocks3:cache:";
  public static final String PREVIOUS_PREFIX = "mocks3:cache-prev:";
  /** What both of them start with: one SCAN pattern finds every cache key (and may find other keys too). */
  public static final String EITHER_PREFIX = "mocks3:cache";

  private CacheKeys() {}

  /** The row key of the current object {@code key} of {@code bucket}. */
  public static String object(String bucket, String key) {
    return OBJECTS + ":" + bucket + "/" + key;
  }

  public static String current(String rowKey) {
    return CURRENT_PREFIX + rowKey;
  }

  public static String previous(String rowKey) {
    return PREVIOUS_PREFIX + rowKey;
  }
}
