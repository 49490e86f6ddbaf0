package io.mocks3.schemas.command;

/**
 * A conditional write's precondition on the key's current object, decided by the projector
 * against the log so that of two racing writers at most one wins.
 *
 * @param ifMatch the write applies only if the current object's ETag is this (unquoted); null for none
 * @param ifNoneMatch the write applies only if the key names no object ({@code If-None-Match: *})
 */
public record WriteCondition(String ifMatch, boolean ifNoneMatch) {
  public static final WriteCondition NONE = new WriteCondition(null, false);

  public boolean isNone() {
    return ifMatch == null && !ifNoneMatch;
  }
}
