package io.mocks3.checker.internal;

import io.mocks3.checker.Op;
import java.util.List;

/** An operation as the register model sees it: a write (put or delete) of a value id, or a read of one. */
record RegisterOp(int id, boolean write, int value, long invokeNanos, long completeNanos, boolean optional,
    String process) {

  static final int INVALID = Integer.MIN_VALUE;

  /** The state after this op from {@code state}, or {@link #INVALID} when a read does not see {@code state}. */
  int step(int state) {
    if (write) {
      return value;
    }
    return value == state ? state : INVALID;
  }

  static List<RegisterOp> of(KeyHistory history) {
    List<Op> ops = history.ops();
    java.util.ArrayList<RegisterOp> result = new java.util.ArrayList<>(ops.size());
    for (Op op : ops) {
      result.add(new RegisterOp(result.size(), op.isWrite(), history.valueOf(op), op.invokeNanos(),
          op.completeNanos(), op.type() == Op.Type.INFO, op.process()));
    }
    return result;
  }
}
