package io.mocks3.readmodel;

import java.time.Instant;

/**
 * One version of a key: an object ({@code object} set) or a delete marker. {@code versionId} is
 * "null" for the version written while versioning was off; {@code latest} is S3's IsLatest.
 */
public record VersionRow(String key, String versionId, long sequence, boolean deleteMarker, boolean latest,
    Instant lastModified, ObjectRow object) {}
