package io.mocks3.projector.projection;

import io.mocks3.schemas.event.Event;

/**
 * An event to project, with the client request whose command it decides: a fault at the read model
 * names both (the command id is the event's own).
 *
 * @param requestId the client request's id; null when unknown (replays, held commands)
 * @param awaited whether a writer waits for it: its commit is then also notified to the gateways
 *     ({@link io.mocks3.schemas.event.CommittedOutcomes})
 */
public record ProjectedEvent(Event event, String requestId, boolean awaited) {
  public static ProjectedEvent of(Event event) {
    return new ProjectedEvent(event, null, false);
  }
}
