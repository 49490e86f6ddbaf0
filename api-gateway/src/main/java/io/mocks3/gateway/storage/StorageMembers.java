package io.mocks3.gateway.storage;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.Placement;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The storage nodes as the gateway knows them: their URLs ({@code mocks3.storage-nodes}) and, when
 * configured, their ids in the same order ({@code mocks3.storage-node-ids}) with the placement the nodes
 * store by ({@code mocks3.replication-factor}). With ids, a blob's acknowledgements count only from its
 * placed nodes and its reads ask them first; without, every node is taken to hold every blob, as
 * before placement existed.
 */
public final class StorageMembers {
  private final List<URI> urls;
  private final List<String> ids;
  private final Placement placement;

  public StorageMembers(List<URI> urls, List<String> ids, int replicationFactor) {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("mocks3.storage-nodes must name at least one node");
    }
    if (!ids.isEmpty() && ids.size() != urls.size()) {
      throw new IllegalArgumentException("mocks3.storage-node-ids names " + ids.size() + " nodes and mocks3.storage-nodes "
          + urls.size() + ": give each URL's node id, in the same order");
    }
    if (ids.isEmpty() && replicationFactor != 0) {
      throw new IllegalArgumentException("mocks3.replication-factor " + replicationFactor
          + " needs mocks3.storage-node-ids: the node id of each of mocks3.storage-nodes, in the same order");
    }
    this.urls = List.copyOf(urls);
    this.ids = List.copyOf(ids);
    this.placement = ids.isEmpty() ? null : new Placement(ids, replicationFactor);
  }

  public List<URI> urls() {
    return urls;
  }

  /** How many nodes hold each blob: the most a write quorum may ask for. */
  public int copies() {
    return placement == null ? urls.size() : placement.copies();
  }

  /** The ids of the nodes whose acknowledgements of {@code blob} count; null when any node's do. */
  public Set<String> holders(BlobId blob) {
    return placement == null ? null : Set.copyOf(placement.nodesFor(blob));
  }

  /** Whether the node at {@code url} is one of {@code blob}'s holders. */
  public boolean holds(URI url, BlobId blob) {
    return placement == null || placement.places(blob, ids.get(urls.indexOf(url)));
  }

  /**
   * Where to read {@code blob}: its holders first (by rank), then the other nodes (a blob stays on a
   * former holder until the new ones have it). Without placement, from a node chosen by the blob's
   * hash, so reads spread over the nodes.
   */
  public List<URI> readOrder(BlobId blob) {
    List<URI> order = new ArrayList<>();
    if (placement == null) {
      int start = Math.floorMod(blob.hashCode(), urls.size());
      for (int i = 0; i < urls.size(); i++) {
        order.add(urls.get((start + i) % urls.size()));
      }
      return order;
    }
    placement.ranked(blob).forEach(id -> order.add(urls.get(ids.indexOf(id))));
    return order;
  }
}
