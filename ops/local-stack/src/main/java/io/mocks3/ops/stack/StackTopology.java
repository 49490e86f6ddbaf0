package io.mocks3.ops.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.IntStream;

/**
 * How many of each scalable process the local stack runs, and how blobs are placed on the storage
 * nodes. Kept in the stack's home ({@value #FILE}) by {@code up}, so that {@code status}, {@code kill},
 * {@code start} and {@code down} know every process of a stack started with {@code --nodes 4}.
 *
 * <p>Storage node n is {@code storage-node-n} (its id {@code node-n}) on port {@link StackLayout#STORAGE_1}
 * + 100 (n - 1); projector k of K &gt; 1 is {@code metadata-projector-k} on {@link StackLayout#PROJECTOR}
 * + 100 (k - 1). A single projector keeps its name {@code metadata-projector}.
 *
 * @param nodes storage nodes, 1 to {@value #MAX}
 * @param projectors metadata projector instances, 1 to {@value #MAX}
 * @param replicationFactor nodes each blob is placed on ({@code mocks3.replication-factor}); 0 means every node
 * @param writeQuorum storage acknowledgements a strong write waits for ({@code mocks3.write-quorum}), at most the
 *     replication factor
 */
public record StackTopology(int nodes, int projectors, int replicationFactor, int writeQuorum) {
  public static final int MAX = 9;
  public static final String FILE = "topology.properties";
  public static final StackTopology DEFAULT = new StackTopology(2, 1, 0, 1);

  public StackTopology {
    require(nodes >= 1 && nodes <= MAX, "--nodes must be between 1 and " + MAX + ", not " + nodes);
    require(projectors >= 1 && projectors <= MAX, "--projectors must be between 1 and " + MAX + ", not " + projectors);
    require(replicationFactor >= 0 && replicationFactor <= nodes,
        "--replication-factor must be between 1 and the number of nodes (" + nodes + "), or 0 for every node; not " + replicationFactor);
    require(writeQuorum >= 1 && writeQuorum <= placedCopies(nodes, replicationFactor),
        "--write-quorum must be between 1 and the replication factor (" + placedCopies(nodes, replicationFactor) + "), not "
            + writeQuorum);
  }

  private static int placedCopies(int nodes, int replicationFactor) {
    return replicationFactor == 0 ? nodes : replicationFactor;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** This topology with other counts; a null keeps the current value. */
  public StackTopology with(Integer nodes, Integer projectors, Integer replicationFactor, Integer writeQuorum) {
    int n = nodes == null ? this.nodes : nodes;
    int r = replicationFactor == null ? (this.replicationFactor > n ? 0 : this.replicationFactor) : replicationFactor;
    int w = writeQuorum == null ? Math.min(this.writeQuorum, placedCopies(n, r)) : writeQuorum;
    return new StackTopology(n, projectors == null ? this.projectors : projectors, r, w);
  }

  /** The storage nodes' part names, storage-node-1 first. */
  public List<String> storageNodes() {
    return IntStream.rangeClosed(1, nodes).mapToObj(n -> "storage-node-" + n).toList();
  }

  /** The storage nodes' ids ({@code mocks3.node-id}), in the order of {@link #storageNodes()}. */
  public List<String> nodeIds() {
    return IntStream.rangeClosed(1, nodes).mapToObj(n -> "node-" + n).toList();
  }

  /** The projectors' part names: {@code metadata-projector} alone, or metadata-projector-1..K. */
  public List<String> projectorNames() {
    if (projectors == 1) {
      return List.of("metadata-projector");
    }
    return IntStream.rangeClosed(1, projectors).mapToObj(k -> "metadata-projector-" + k).toList();
  }

  /** The base port of {@code storage-node-n} or of a projector part; -1 for other names. */
  public static int basePort(String part) {
    if (part.equals("metadata-projector")) {
      return StackLayout.PROJECTOR;
    }
    int n = ordinal(part);
    if (n < 1) {
      return -1;
    }
    return (part.startsWith("storage-node-") ? StackLayout.STORAGE_1 : StackLayout.PROJECTOR) + 100 * (n - 1);
  }

  /** n of {@code storage-node-n} or {@code metadata-projector-n}; 0 for other names. */
  static int ordinal(String part) {
    String prefix = part.startsWith("storage-node-") ? "storage-node-"
        : part.startsWith("metadata-projector-") ? "metadata-projector-" : null;
    if (prefix == null) {
      return 0;
    }
    try {
      return Integer.parseInt(part.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The topology the stack in {@code home} was last started with, if any. */
  public static Optional<StackTopology> stored(Path home) {
    Path file = home.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
      return Optional.of(new StackTopology(Integer.parseInt(p.getProperty("nodes")), Integer.parseInt(p.getProperty("projectors")),
          Integer.parseInt(p.getProperty("replication-factor")), Integer.parseInt(p.getProperty("write-quorum"))));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read " + file + " (" + e.getMessage() + "); delete it to start over with "
          + DEFAULT, e);
    }
  }

  /** Keeps this topology in {@code home} for the commands after {@code up}. */
  public void store(Path home) throws IOException {
    Files.createDirectories(home);
    Properties p = new Properties();
    p.setProperty("nodes", String.valueOf(nodes));
    p.setProperty("projectors", String.valueOf(projectors));
    p.setProperty("replication-factor", String.valueOf(replicationFactor));
    p.setProperty("write-quorum", String.valueOf(writeQuorum));
    try (Writer out = Files.newBufferedWriter(home.resolve(FILE))) {
      p.store(out, "the local stack's topology (mocks3 up --nodes --projectors --replication-factor --write-quorum)");
    }
  }

  /** Every process with network links: the gateway, the projectors, the storage nodes, the task workers. */
  List<String> linkedProcesses() {
    List<String> out = new ArrayList<>(List.of("api-gateway"));
    out.addAll(projectorNames());
    out.addAll(storageNodes());
    out.add("task-workers");
    return out;
  }

  @Override
  public String toString() {
    return nodes + " storage node(s), " + projectors + " projector(s), replication factor "
        + (replicationFactor == 0 ? "all" : String.valueOf(replicationFactor)) + ", write quorum " + writeQuorum;
  }
}
