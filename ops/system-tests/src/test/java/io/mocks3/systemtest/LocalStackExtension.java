package io.mocks3.systemtest;

import io.mocks3.ops.stack.StackLayout;
import io.mocks3.ops.stack.StackTopology;
import io.mocks3.ops.stack.Supervisor;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the real local stack once for the whole test run (fresh data directory, ports offset by
 * 10000 so a developer's own stack can keep running) and stops it when the run ends. A class that
 * asks for another topology ({@link LocalStackTopology}) gets a fresh stack with it, and the next class
 * that asks for another one again.
 */
public final class LocalStackExtension implements BeforeAllCallback {
  public static final int PORT_OFFSET = 10_000;
  private static Supervisor supervisor;
  private static TraceCollector traces;
  private static StackLayout layout;
  private static Throwable failedStart;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (LocalStackExtension.class) {
      StackTopology wanted = topologyOf(context.getRequiredTestClass());
      if (supervisor != null && layout.topology().equals(wanted)) {
        return;
      }
      if (supervisor != null) {
        supervisor.down();
        supervisor = null;
      }
      if (failedStart != null) {
        throw new IllegalStateException("the local stack did not start for an earlier test class", failedStart);
      }
      Path repo = Path.of(System.getProperty("mocks3.repo", "../.."));
      Path home = Path.of(System.getProperty("mocks3.home", "target/stack"));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      layout = new StackLayout(repo, home, PORT_OFFSET, java).withTopology(wanted);
      // Process scenarios (crash included) are off by default; the suite tests them.
      System.setProperty("mocks3.process-scenarios", "on");
      // Unreferenced blobs are collected 5 s after they were written (not 10 minutes): BlobTasksIT.
      System.setProperty("mocks3.gc-grace", "5s");
      // A lifecycle rule's day lasts 2 s (not 24 hours): LifecycleIT.
      System.setProperty("mocks3.lifecycle-day", "2s");
      // Every service exports its spans to the suite's own OTLP receiver.
      if (traces == null) {
        traces = new TraceCollector(PORT_OFFSET + 4318);
      }
      System.setProperty("mocks3.otlp-endpoint", traces.endpoint());
      Supervisor stack = new Supervisor(layout, System.out);
      try {
        stack.up(true);
      } catch (Exception | Error e) {
        failedStart = e;
        stack.down(); // the parts that did start must not outlive a failed start
        throw e;
      }
      supervisor = stack;
      context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent("mocks3-stack",
          key -> (AutoCloseable) LocalStackExtension::stopCurrent);
    }
  }

  private static void stopCurrent() throws Exception {
    synchronized (LocalStackExtension.class) {
      if (supervisor != null) {
        supervisor.down();
      }
    }
  }

  private static StackTopology topologyOf(Class<?> testClass) {
    LocalStackTopology asked = testClass.getAnnotation(LocalStackTopology.class);
    return asked == null ? StackTopology.DEFAULT
        : new StackTopology(asked.nodes(), asked.projectors(), asked.replicationFactor(), asked.writeQuorum());
  }

  static TraceCollector traces() {
    return traces;
  }

  public static Supervisor supervisor() {
    return supervisor;
  }

  public static StackLayout layout() {
    return layout;
  }

  public static URI gateway() {
    return URI.create(layout.url(StackLayout.GATEWAY));
  }
}
