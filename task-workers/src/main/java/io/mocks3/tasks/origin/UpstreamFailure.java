package io.mocks3.tasks.origin;

/** The upstream failed the fetch (an error status, a cut or dirty body): counts against its circuit. */
class UpstreamFailure extends Exception {
  UpstreamFailure(String message) {
    super(message);
  }
}
