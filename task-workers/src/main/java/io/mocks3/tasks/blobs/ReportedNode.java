package io.mocks3.tasks.blobs;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.Placement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One storage node as the consistency report describes it: its name and URL, the placement it stores
 * by (null: every blob), the blobs it cannot give (missing or corrupt) and the surplus copies it keeps
 * of blobs placed elsewhere.
 */
record ReportedNode(String name, String url, Placement placement, Set<String> lacking, Set<String> surplus, boolean complete) {

  /** The nodes that answered the report; a node that could not be read is left out. */
  static List<ReportedNode> of(JsonNode nodes) {
    List<ReportedNode> out = new ArrayList<>();
    for (JsonNode node : nodes) {
      if (node.has("error")) {
        continue;
      }
      Set<String> lacks = new HashSet<>();
      node.path("missing").forEach(m -> lacks.add(m.path("id").asString()));
      node.path("corrupt").forEach(c -> lacks.add(c.asString()));
      Set<String> surplus = new HashSet<>();
      node.path("surplus").forEach(b -> surplus.add(b.path("id").asString()));
      Placement placement = null;
      if (node.has("placement")) {
        List<String> members = new ArrayList<>();
        node.path("placement").path("nodes").forEach(n -> members.add(n.asString()));
        placement = new Placement(members, node.path("placement").path("replicationFactor").asInt());
      }
      // Every missing blob listed: only then does "not listed" mean "held".
      boolean complete = node.path("missingCount").asInt() <= node.path("missing").size();
      out.add(new ReportedNode(node.path("node").asString(), node.path("url").asString(), placement, lacks, surplus, complete));
    }
    return out;
  }

  /** Whether this node has {@code blob}: it is placed here (or everything is) and not lacking, or kept as surplus. */
  boolean has(String blob) {
    if (surplus.contains(blob)) {
      return true;
    }
    return !lacking.contains(blob) && (placement == null || placement.places(BlobId.of(blob), name));
  }

  /** Whether {@code blob} is placed on this node. */
  boolean placedHere(String blob) {
    return placement == null || placement.places(BlobId.of(blob), name);
  }
}
