package io.mocks3.ops.stack;

import io.mocks3.client.KillSwitch;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ops/mocks3 kill-switch [engage|release|status]}: stop every injection at once, and resume. */
@Command(name = "kill-switch", description = {
    "While engaged, no agent injects anything, whatever the rules say (a hang in flight ends at once):",
    "  kill-switch engage | kill-switch release | kill-switch (status)"})
final class KillSwitchCommand implements Callable<Integer> {
  @Mixin ControlOutput out;

  @Parameters(arity = "0..1", defaultValue = "status", description = "engage, release or status") String action;

  @Override
  public Integer call() {
    KillSwitch killSwitch = out.mocks3().killSwitch();
    switch (action) {
      case "engage" -> killSwitch.engage();
      case "release" -> killSwitch.release();
      case "status" -> { }
      default -> throw out.usage("unknown action \"" + action + "\"; use engage, release or status");
    }
    boolean engaged = killSwitch.engaged();
    out.print(Map.of("engaged", engaged), "kill switch " + (engaged ? "ENGAGED: no fault is injected" : "released") + System.lineSeparator());
    return 0;
  }
}
