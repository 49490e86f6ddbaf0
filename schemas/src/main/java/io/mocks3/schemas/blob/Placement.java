package io.mocks3.schemas.blob;

import io.mocks3.schemas.BlobId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which storage nodes hold a blob: the {@code replicationFactor} nodes of highest weight for it, the
 * weight a hash of blob id and node id (rendezvous, or highest-random-weight, hashing). Every
 * process that needs to know computes it here from the same two settings, {@code mocks3.storage-node-ids}
 * and {@code mocks3.replication-factor}: the nodes (which store only their blobs), the gateway (which
 * waits for the acknowledgements of a blob's nodes and reads from them first), the consistency report
 * and the repair sweep (which judge a node by the blobs placed on it).
 *
 * <p>Adding a node moves only the blobs it wins, about R / (N + 1) of them, each losing one of its
 * former nodes; removing one moves only its own blobs, each to one new node. Nothing else changes place.
 *
 * @param nodes the node ids ({@code mocks3.node-id}) of every member, no duplicates
 * @param replicationFactor nodes per blob; 0 (or more than there are nodes) means every node
 */
public record Placement(List<String> nodes, int replicationFactor) {
  public Placement {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty() || nodes.stream().anyMatch(n -> n == null || n.isBlank())) {
      throw new IllegalArgumentException("mocks3.storage-node-ids must name at least one node, none blank: " + nodes);
    }
    if (new LinkedHashSet<>(nodes).size() != nodes.size()) {
      throw new IllegalArgumentException("mocks3.storage-node-ids names a node twice: " + nodes);
    }
    if (replicationFactor < 0) {
      throw new IllegalArgumentException("mocks3.replication-factor must be 0 (every node) or more, not " + replicationFactor);
    }
  }

  /** Every blob on every one of {@code nodes}. */
  public static Placement everywhere(List<String> nodes) {
    return new Placement(nodes, 0);
  }

  /** How many nodes hold each blob. */
  public int copies() {
    return replicationFactor == 0 || replicationFactor > nodes.size() ? nodes.size() : replicationFactor;
  }

  /** The nodes that hold {@code blob}, highest weight first. */
  public List<String> nodesFor(BlobId blob) {
    return ranked(blob).subList(0, copies());
  }

  /** Whether {@code node} is one of {@code blob}'s nodes. */
  public boolean places(BlobId blob, String node) {
    if (copies() == nodes.size()) {
      return nodes.contains(node);
    }
    return nodesFor(blob).contains(node);
  }

  /** Every node, by weight for {@code blob}: its holders first, then where to look when they fail. */
  public List<String> ranked(BlobId blob) {
    long blobHash = fnv1a(blob.value());
    List<String> out = new ArrayList<>(nodes);
    out.sort(Comparator.comparingLong((String node) -> weight(blobHash, node)).reversed().thenComparing(Comparator.naturalOrder()));
    return out;
  }

  private static long weight(long blobHash, String node) {
    // Unsigned order of a well-mixed 64-bit hash; the signed comparison of the shifted value is the same order.
    return mix(blobHash ^ mix(fnv1a(node))) >>> 1;
  }

  private static long fnv1a(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** MurmurHash3's 64-bit finaliser: every input bit moves every output bit. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
