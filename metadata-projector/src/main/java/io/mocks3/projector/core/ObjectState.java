package io.mocks3.projector.core;

import io.mocks3.schemas.blob.BlobRef;
import java.time.Instant;

/** The current version of one key, as far as deciding the next command needs it. */
public record ObjectState(BlobRef blob, Instant lastModified, long sequence) {}
