package io.mocks3.readmodel;

import java.time.Instant;

public record BucketRow(String name, Instant createdAt) {}
