package io.mocks3.projector.topology;

import io.mocks3.schemas.command.Command;

/**
 * A command a chaos topic reorders: held in a state store (so a crash does not lose it) until
 * {@code remaining} later commands were applied, or at most {@link CommandProcessor#MAX_HOLD}.
 */
record HeldCommand(Command command, int remaining, long heldAtMillis, long timestamp) {
  HeldCommand overtaken() {
    return new HeldCommand(command, remaining - 1, heldAtMillis, timestamp);
  }
}
