package io.mocks3.projector.projection;

import io.mocks3.schemas.event.Event;

/**
 * A read model built from events. {@link #apply} must be idempotent: an event whose sequence is
 * not above the bucket's high-water mark changes nothing.
 */
public interface MetadataProjection {
  void apply(Event event);
}
