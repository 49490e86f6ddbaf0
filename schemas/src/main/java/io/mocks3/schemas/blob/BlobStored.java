package io.mocks3.schemas.blob;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.Message;
import java.time.Instant;

/** A storage node's acknowledgement: the whole blob is on its disk and fsynced. */
public record BlobStored(BlobId blobId, String node, long size, Instant storedAt) implements Message {}
