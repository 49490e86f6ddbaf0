package io.mocks3.projector.core;

import java.time.Instant;

/**
 * What the projector knows of a bucket. A deleted bucket keeps its entry ({@code exists=false})
 * so that sequence numbers keep rising if the name is created again.
 */
public record BucketState(String name, boolean exists, Instant createdAt, long lastSequence, long objectCount) {
  public static BucketState absent(String name) {
    return new BucketState(name, false, null, 0, 0);
  }
}
