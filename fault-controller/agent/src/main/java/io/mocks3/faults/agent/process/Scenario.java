package io.mocks3.faults.agent.process;

import java.util.Map;

/** One running process scenario: what it reports while it runs, and how it ends (freeing what it holds). */
interface Scenario {
  /** Live figures for {@code GET .../status}, e.g. the process's CPU percent or the megabytes leaked. */
  Map<String, Object> metrics();

  void stop();
}
