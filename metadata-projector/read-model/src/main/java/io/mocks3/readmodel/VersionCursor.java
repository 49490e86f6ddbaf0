package io.mocks3.readmodel;

/**
 * Where a listing resumes, in (key, newest version first) order: the versions of {@code key}
 * with a sequence below {@code belowSequence}, then every greater key. {@code Long.MAX_VALUE}
 * takes all of the key's versions (the listing resumes at the key, inclusive), {@code -1} none
 * of them (strictly after the key).
 */
record VersionCursor(String key, long belowSequence) {
  private static final long NONE = -1;

  boolean inclusive() {
    return belowSequence == Long.MAX_VALUE;
  }

  /** Whether none of {@code key}'s own versions are left to list (the listing goes on after it). */
  boolean pastKey() {
    return belowSequence == NONE;
  }

  static VersionCursor after(String key, long sequence) {
    return new VersionCursor(key, sequence);
  }

  static VersionCursor afterAllOf(String key) {
    return new VersionCursor(key, NONE);
  }

  /** Past every key under {@code prefix}; null when nothing can follow it. */
  static VersionCursor pastPrefix(String prefix) {
    String next = ObjectListing.successor(prefix);
    return next == null ? null : new VersionCursor(next, Long.MAX_VALUE);
  }

  /**
   * After a marker: past its common prefix when the marker rolls up into one (everything under it
   * was returned already), else after every version of the marker key.
   */
  static VersionCursor afterKey(String marker, ListQuery q) {
    String resumed = marker.isEmpty() ? null : ObjectListing.commonPrefix(marker, q);
    return resumed != null ? pastPrefix(resumed) : afterAllOf(marker);
  }
}
