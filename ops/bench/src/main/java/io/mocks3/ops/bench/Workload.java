package io.mocks3.ops.bench;

/**
 * What to run: an operation, the object size (for LIST, how many keys the listed prefix holds) and
 * how many concurrent clients. Written {@code op:size:clients}, e.g. {@code put:4KiB:16}, {@code list:1000:4}.
 */
public record Workload(Operation operation, long size, int clients) {

  public Workload {
    if (size <= 0 || clients <= 0) {
      throw new IllegalArgumentException("a workload needs a positive size and client count");
    }
    if (operation == Operation.LIST && size > 1000) {
      throw new IllegalArgumentException("LIST lists one page: at most 1000 keys");
    }
  }

  public static Workload parse(String spec) {
    String[] parts = spec.split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException("a workload is op:size:clients, e.g. put:4KiB:16 (got '" + spec + "')");
    }
    Operation operation = Operation.parse(parts[0]);
    long size = operation == Operation.LIST ? Long.parseLong(parts[1].trim()) : Sizes.parse(parts[1]);
    return new Workload(operation, size, Integer.parseInt(parts[2].trim()));
  }

  public String label() {
    String what = operation == Operation.LIST ? size + " keys" : Sizes.format(size);
    return operation + " " + what + ", " + clients + (clients == 1 ? " client" : " clients");
  }
}
