package io.mocks3.ops.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

final class Futures {
  private Futures() {
  }

  /** The future's value; its failure rethrown as it was, unchecked. */
  static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
