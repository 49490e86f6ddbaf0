package io.mocks3.junit5;

import io.mocks3.testcontainers.MockS3Endpoint;

/** A MockS3 a test suite runs against: where it answers, and how it ends when the suite is done. */
public interface MockS3Stack extends AutoCloseable {
  MockS3Endpoint endpoint();

  /** How it runs, for the log and for messages, e.g. "the local stack as processes (ports +20000)". */
  String description();

  /** Stops what this stack started; a stack someone else runs is left running. */
  @Override
  void close() throws Exception;
}
