package io.mocks3.systemtest;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the classes on the default topology first, then each other {@link LocalStackTopology} as one
 * group: {@link LocalStackExtension} restarts the stack afresh on every change of topology (a minute
 * or two on two cores), so the suite pays one start per topology, not one per class that changes it.
 * Within a group, classes run by name.
 */
public final class TopologyClassOrder implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator.comparing(TopologyClassOrder::topology)
        .thenComparing(d -> d.getTestClass().getName()));
  }

  private static String topology(ClassDescriptor descriptor) {
    LocalStackTopology t = descriptor.getTestClass().getAnnotation(LocalStackTopology.class);
    return t == null ? "" : String.format("nodes=%03d projectors=%03d r=%03d w=%03d", t.nodes(), t.projectors(),
        t.replicationFactor(), t.writeQuorum());
  }
}
