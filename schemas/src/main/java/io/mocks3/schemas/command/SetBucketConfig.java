package io.mocks3.schemas.command;

import io.mocks3.schemas.BucketName;
import java.time.Instant;

/**
 * Replace one configuration document of a bucket ({@code kind}: tagging, cors, notification,
 * lifecycle, ...). The gateway validated {@code document} (S3's XML); null deletes it.
 */
public record SetBucketConfig(String commandId, BucketName bucket, String kind, String document, Instant issuedAt)
    implements Command {}
