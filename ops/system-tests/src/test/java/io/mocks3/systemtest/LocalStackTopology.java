package io.mocks3.systemtest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The topology a test class needs of the local stack ({@code ops/mocks3 up --nodes --projectors
 * --replication-factor --write-quorum}). {@link LocalStackExtension} restarts the stack afresh when the
 * running one has another topology, so classes with the same one share a stack; a class without the
 * annotation gets the default (two storage nodes, one projector, every blob on every node, quorum 1).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LocalStackTopology {
  int nodes() default 2;

  int projectors() default 1;

  /** Nodes each blob is placed on; 0 for every node. */
  int replicationFactor() default 0;

  int writeQuorum() default 1;
}
