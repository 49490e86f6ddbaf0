package io.mocks3.ops.stack;

import java.io.IOException;
import java.util.List;

/**
 * One process of the local stack: how to prepare its files, the command that runs it, and the
 * probe that says it is healthy.
 */
public interface Part {
  String name();

  /** The port it serves on; `up` refuses to start it when another process holds the port. */
  int port();

  /** One-off set-up before the first start (unpack binaries, format storage). Idempotent. */
  default void prepare() throws IOException, InterruptedException {}

  List<String> command();

  /** True once the part serves requests. Must return quickly. */
  boolean healthy();

  /** What the part's health check last said, for the message of a start that timed out; empty when it has none. */
  default String healthReport() {
    return "";
  }
}
