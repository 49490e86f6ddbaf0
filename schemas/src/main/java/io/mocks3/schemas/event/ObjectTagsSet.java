package io.mocks3.schemas.event;

import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import java.time.Instant;
import java.util.Map;

/** The tags of {@code key}'s current object are now {@code tags} (empty: none). Content is unchanged. */
public record ObjectTagsSet(String commandId, BucketName bucket, long sequence, Instant at, ObjectKey key, Map<String, String> tags)
    implements Event {}
