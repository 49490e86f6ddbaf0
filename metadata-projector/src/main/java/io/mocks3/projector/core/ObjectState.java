package io.mocks3.projector.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.lock.ObjectLock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every version of one key, newest first, as far as deciding the next command needs it. A key in a
 * bucket that never had versioning has one version, "null". A delete marker has no blob.
 */
public record ObjectState(List<Version> versions) {

  /** {@code lock}: the version's Object Lock, null for none (and in states stored before it was kept). */
  public record Version(String versionId, BlobRef blob, Instant at, long sequence, ObjectLock lock) {
    public Version(String versionId, BlobRef blob, Instant at, long sequence) {
      this(versionId, blob, at, sequence, null);
    }

    public boolean deleteMarker() {
      return blob == null;
    }

    Version withLock(ObjectLock newLock) {
      return new Version(versionId, blob, at, sequence, newLock);
    }
  }

  public ObjectState {
    versions = List.copyOf(versions);
  }

  /**
   * Reads the state store: {@code versions}, or the format from before versioning ({@code blob},
   * {@code at}, {@code sequence}: one "null" version), so a stack's existing state upgrades in place.
   */
  @JsonCreator
  static ObjectState read(@JsonProperty("versions") List<Version> versions, @JsonProperty("blob") BlobRef blob,
      @JsonProperty("at") Instant at, @JsonProperty("sequence") long sequence) {
    return versions != null ? new ObjectState(versions) : of(blob, at, sequence);
  }

  /** A key with one version, "null". */
  public static ObjectState of(BlobRef blob, Instant at, long sequence) {
    return new ObjectState(List.of(new Version(Versioning.NULL_VERSION, blob, at, sequence)));
  }

  /** The current object's blob; null when the latest version is a delete marker. */
  public BlobRef blob() {
    return versions.isEmpty() ? null : versions.get(0).blob();
  }

  public Version version(String versionId) {
    return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst().orElse(null);
  }

  /** {@code added} as the latest version, replacing any version with its id. */
  ObjectState withLatest(Version added) {
    List<Version> next = new ArrayList<>();
    next.add(added);
    versions.stream().filter(v -> !v.versionId().equals(added.versionId())).forEach(next::add);
    return new ObjectState(next);
  }

  /** With version {@code versionId}'s lock replaced by {@code lock}. */
  ObjectState withLock(String versionId, ObjectLock lock) {
    return new ObjectState(versions.stream().map(v -> v.versionId().equals(versionId) ? v.withLock(lock) : v).toList());
  }

  /** Without version {@code versionId}; null when no version is left. */
  ObjectState without(String versionId) {
    List<Version> next = versions.stream().filter(v -> !v.versionId().equals(versionId)).toList();
    return next.isEmpty() ? null : new ObjectState(next);
  }
}
