package io.mocks3.ops.bench;

/**
 * What to run: an operation, the object size (for a listing, the page size: how many keys it lists),
 * how many concurrent clients, and which client ({@code null}: the run's {@code --client}). Written
 * {@code op:size:clients[:http|sdk]}, e.g. {@code put:4KiB:16}, {@code list:1000:4:sdk}.
 */
public record Workload(Operation operation, long size, int clients, ClientKind client) {

  public Workload {
    if (size <= 0 || clients <= 0) {
      throw new IllegalArgumentException("a workload needs a positive size and client count");
    }
    if (operation.lists() && size > 1000) {
      throw new IllegalArgumentException("a listing reads one page: at most 1000 keys");
    }
  }

  public static Workload parse(String spec) {
    String[] parts = spec.split(":");
    if (parts.length != 3 && parts.length != 4) {
      throw new IllegalArgumentException("a workload is op:size:clients[:http|sdk], e.g. put:4KiB:16 (got '" + spec + "')");
    }
    Operation operation = Operation.parse(parts[0]);
    long size = operation.lists() ? Long.parseLong(parts[1].trim()) : Sizes.parse(parts[1]);
    ClientKind client = parts.length == 4 ? ClientKind.parse(parts[3]) : null;
    return new Workload(operation, size, Integer.parseInt(parts[2].trim()), client);
  }

  /** This workload on {@code fallback} when it names no client. */
  Workload withClient(ClientKind fallback) {
    return client != null ? this : new Workload(operation, size, clients, fallback);
  }

  public String label() {
    String what = switch (operation) {
      case LIST -> "LIST " + size + " keys";
      case LIST_PAGE -> "LIST first page of " + size;
      case LIST_DIRS -> "LIST prefix+delimiter, page of " + size;
      default -> operation + " " + Sizes.format(size);
    };
    return what + ", " + clients + (clients == 1 ? " client" : " clients") + (client == null ? "" : " (" + client + ")");
  }
}
