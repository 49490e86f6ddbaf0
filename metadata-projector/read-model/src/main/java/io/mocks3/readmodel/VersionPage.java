package io.mocks3.readmodel;

import java.util.List;

/**
 * A page of ListObjectVersions; when truncated, the next page starts after {@code nextKeyMarker}
 * (a key, or a common prefix) and {@code nextVersionIdMarker} (null after a common prefix).
 */
public record VersionPage(List<VersionRow> versions, List<String> commonPrefixes, boolean truncated, String nextKeyMarker,
    String nextVersionIdMarker) {}
