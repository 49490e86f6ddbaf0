package io.mocks3.checker;

/** The anomaly names of {@link Anomaly#type()}; the README explains each. */
public final class AnomalyTypes {

  public static final String STALE_READ = "stale-read";
  public static final String LOST_WRITE = "lost-write";
  public static final String READ_YOUR_WRITES = "read-your-writes";
  public static final String MONOTONIC_READ = "monotonic-read";
  public static final String RESURRECTED_DELETE = "resurrected-delete";
  public static final String UNKNOWN_VALUE = "unknown-value";
  public static final String LIST_MISSING = "list-missing";
  public static final String LIST_DELETED = "list-deleted";
  public static final String LIST_DUPLICATE = "list-duplicate";
  public static final String LIST_UNREADABLE = "list-unreadable";

  private AnomalyTypes() {
  }
}
