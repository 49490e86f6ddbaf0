package io.mocks3.projector.projection;

import io.mocks3.schemas.event.Event;

/**
 * An event to project, with the client request whose command it decides: a fault at the read model
 * names both (the command id is the event's own).
 *
 * @param requestId the client request's id; null when unknown (replays, held commands)
 */
public record ProjectedEvent(Event event, String requestId) {
  public static ProjectedEvent of(Event event) {
    return new ProjectedEvent(event, null);
  }
}
