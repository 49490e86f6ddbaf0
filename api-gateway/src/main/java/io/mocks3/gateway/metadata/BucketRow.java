package io.mocks3.gateway.metadata;

import java.time.Instant;

public record BucketRow(String name, Instant createdAt) {}
