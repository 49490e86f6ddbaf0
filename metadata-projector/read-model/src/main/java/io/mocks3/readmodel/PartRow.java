package io.mocks3.readmodel;

import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.time.Instant;
import java.util.Map;

/** One uploaded part of an open multipart upload. {@code etag} is the unquoted hex MD5. */
public record PartRow(int partNumber, long size, String etag, Map<ChecksumAlgorithm, String> checksums, Instant lastModified) {}
