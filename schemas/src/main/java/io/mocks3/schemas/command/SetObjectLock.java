package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import java.time.Instant;

/**
 * Change the Object Lock of one version of {@code key} (the current one when {@code versionId} is
 * null): PutObjectRetention sets {@code retention}, PutObjectLegalHold sets {@code legalHold} (ON or
 * OFF); the one left null is unchanged. A retention with neither mode nor date removes it.
 * {@code bypassGovernance} true: the request may shorten or remove a GOVERNANCE retention.
 */
public record SetObjectLock(String commandId, BucketName bucket, ObjectKey key, String versionId, Retention retention,
    String legalHold, Boolean bypassGovernance, Instant issuedAt) implements ObjectCommand {

  /** A retention: GOVERNANCE or COMPLIANCE until a date; both null to remove it. */
  public record Retention(String mode, Instant retainUntil) {}

  public boolean bypassesGovernance() {
    return Boolean.TRUE.equals(bypassGovernance);
  }
}
