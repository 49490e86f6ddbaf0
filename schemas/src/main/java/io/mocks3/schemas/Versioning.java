package io.mocks3.schemas;

/**
 * Bucket versioning. A bucket's status is a bucket configuration of kind {@link #KIND} whose
 * document is {@link #ENABLED} or {@link #SUSPENDED}; a bucket without one never had versioning and
 * can never return to that state. Versions written while it is not enabled have the id {@link #NULL_VERSION}.
 */
public final class Versioning {
  public static final String KIND = "versioning";
  public static final String ENABLED = "Enabled";
  public static final String SUSPENDED = "Suspended";
  public static final String NULL_VERSION = "null";

  private Versioning() {
  }

  /** The id of a version as S3 names it: a version written without versioning (no id) is "null". */
  public static String idOf(String versionId) {
    return versionId == null ? NULL_VERSION : versionId;
  }
}
