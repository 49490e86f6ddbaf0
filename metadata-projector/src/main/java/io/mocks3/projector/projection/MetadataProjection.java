package io.mocks3.projector.projection;

import java.util.List;

/**
 * A read model built from events. {@link #apply} takes the events of one batch in log order and
 * must be idempotent: an event whose sequence is not above its bucket's high-water mark changes
 * nothing, so a batch applied again after a crash changes nothing either.
 */
public interface MetadataProjection {
  void apply(List<ProjectedEvent> batch);
}
