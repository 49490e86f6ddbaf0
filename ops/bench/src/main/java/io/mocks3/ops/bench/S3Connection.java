package io.mocks3.ops.bench;

/**
 * The S3 calls a workload makes, on one bucket, from one client thread. Failures are
 * {@link RequestFailed} (the target's answer) or {@link java.io.UncheckedIOException} (the connection).
 */
interface S3Connection extends AutoCloseable {

  void put(String key, ObjectBody body);

  /** Reads the whole object and returns its length. */
  long get(String key);

  /** Whether the key exists (a 404 is false, not a failure). */
  boolean exists(String key);

  /** The first page of a ListObjectsV2 ({@code delimiter} may be null): how many keys and common prefixes it held. */
  int list(String prefix, String delimiter, int maxKeys);

  void delete(String key);

  @Override
  void close();

  /** Opens connections of one kind to one target and bucket. */
  interface Factory extends AutoCloseable {
    S3Connection open();

    @Override
    void close();
  }
}
