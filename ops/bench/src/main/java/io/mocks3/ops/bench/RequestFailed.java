package io.mocks3.ops.bench;

/** A request the target answered with an error (or that did not list what it should): tallied by its kind. */
final class RequestFailed extends RuntimeException {
  private final String kind;
  private final int status;

  RequestFailed(int status, String kind, String message) {
    super(message);
    this.status = status;
    this.kind = kind;
  }

  /** E.g. {@code 503 SlowDown}, or {@code IncompleteListing}. */
  String kind() {
    return kind;
  }

  int status() {
    return status;
  }
}
