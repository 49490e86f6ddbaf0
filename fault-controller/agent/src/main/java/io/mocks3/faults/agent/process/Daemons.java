package io.mocks3.faults.agent.process;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The daemon threads scenarios run on, named so a thread dump shows what they are. */
final class Daemons {
  private Daemons() {}

  static Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  static ScheduledExecutorService ticker(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }
}
