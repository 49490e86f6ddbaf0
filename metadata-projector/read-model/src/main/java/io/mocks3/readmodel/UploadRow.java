package io.mocks3.readmodel;

import java.time.Instant;

/** An open multipart upload as the read model holds it. */
public record UploadRow(String uploadId, String key, Instant initiatedAt) {}
