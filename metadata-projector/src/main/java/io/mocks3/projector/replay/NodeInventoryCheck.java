package io.mocks3.projector.replay;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import io.mocks3.faults.agent.security.ControlToken;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.blob.Placement;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One storage node's blobs against the blobs the read model references, by a merge of both in id
 * order: missing (referenced, placed on the node, not on it), orphans (on the node, referenced by
 * nothing), surplus (referenced, on the node, placed on others: a former holder's copy after the
 * members changed, which the sweep drops once the new holders have it) and, with {@code verify},
 * corrupt (size or MD5 read from disk differs). Which blobs are placed on the node is the node's own
 * word: its inventory names the members and replication factor it stores by ({@link Placement});
 * a node that names none holds every blob. The node's listing is read as a stream and sorted on
 * disk, so memory stays flat in the number of blobs.
 */
final class NodeInventoryCheck {
  private final HttpClient http;

  NodeInventoryCheck(HttpClient http) {
    this.http = http;
  }

  /**
   * A node's inventory, read and sorted on disk (or why it could not be read); closing it frees
   * the sort's files.
   */
  static final class Held implements AutoCloseable {
    private final URI node;
    private final LineSorter blobs;
    private Inventory inventory;
    private String error;

    private Held(URI node) {
      this.node = node;
      this.blobs = new LineSorter("node " + node);
    }

    @Override
    public void close() {
      blobs.close();
    }
  }

  /** Reads {@code node}'s inventory ({@code GET /admin/blobs}); with {@code verify} the node reads every blob's MD5. */
  Held read(URI node, boolean verify) throws InterruptedException {
    Held held = new Held(node);
    try {
      held.inventory = readInventory(node, verify, held.blobs);
    } catch (IOException | JacksonException | IllegalArgumentException e) {
      held.error = "cannot read its inventory: " + e.getMessage();
    }
    return held;
  }

  /**
   * @param referenced id to "size md5" of every referenced blob
   * @param differenceCount missing and corrupt blobs (and an unreadable node) are added here
   */
  Map<String, Object> check(Held held, LineSorter referenced, boolean verify, int[] differenceCount, int listed) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (held.error != null) {
      differenceCount[0]++;
      out.put("error", held.error);
      return out;
    }
    Inventory inventory = held.inventory;
    String nodeName = inventory.node();
    Tally tally = new Tally(verify, listed, inventory.placement(), nodeName);
    try (LineCursor r = referenced.sorted(); LineCursor h = held.blobs.sorted()) {
      tally.merge(r, h);
    }
    differenceCount[0] += tally.missingCount + tally.corruptCount;
    out.put("node", nodeName);
    out.put("url", held.node.toString());
    out.put("blobs", tally.heldCount);
    out.put("digest", tally.digest.summary().digest());
    out.put("missingCount", tally.missingCount);
    out.put("missing", tally.missing);
    out.put("orphanCount", tally.orphanCount);
    out.put("orphans", tally.orphans);
    if (inventory.placement() != null) {
      out.put("placement", Map.of("nodes", inventory.placement().nodes(), "replicationFactor",
          inventory.placement().replicationFactor()));
      out.put("surplusCount", tally.surplusCount);
      out.put("surplus", tally.surplus);
    }
    if (verify) {
      out.put("corruptCount", tally.corruptCount);
      out.put("corrupt", tally.corrupt);
    }
    return out;
  }

  /** A node's name and the placement it stores by (null: every blob). */
  private record Inventory(String node, Placement placement) {}

  /** Streams the node's {@code /admin/blobs} into {@code held} (id to "size modified md5"); answers its name and placement. */
  private Inventory readInventory(URI node, boolean verify, LineSorter held) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = http.send(ControlToken.authorize(HttpRequest.newBuilder(node.resolve("/admin/blobs?verify=" + verify)))
        .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofInputStream());
    String nodeName = "";
    Placement placement = null;
    long read = 0;
    Long counted = null;
    try (InputStream body = response.body(); JsonParser p = Json.mapper().createParser(body)) {
      if (response.statusCode() != 200) {
        throw new IOException("answered " + response.statusCode());
      }
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("its inventory is not a JSON object");
      }
      JsonToken next;
      while ((next = p.nextToken()) == JsonToken.PROPERTY_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("node".equals(field)) {
          nodeName = p.getValueAsString("");
        } else if ("placement".equals(field) && value == JsonToken.START_OBJECT) {
          JsonNode members = p.readValueAsTree();
          List<String> nodes = new ArrayList<>();
          members.path("nodes").forEach(n -> nodes.add(n.asString()));
          placement = new Placement(nodes, members.path("replicationFactor").asInt());
        } else if ("blobs".equals(field) && value == JsonToken.START_ARRAY) {
          JsonToken blob;
          while ((blob = p.nextToken()) == JsonToken.START_OBJECT) {
            JsonNode b = p.readValueAsTree();
            held.add(b.path("id").asString(), b.path("size").asLong() + " " + b.path("modified").asString() + " " + b.path("md5").asString());
            read++;
          }
          if (blob != JsonToken.END_ARRAY) {
            throw new IOException(truncated(read));
          }
        } else if ("count".equals(field)) {
          counted = p.getValueAsLong();
        } else {
          p.skipChildren();
        }
      }
      // A node that fails while listing (a disk error) cuts its answer short: that is not a node missing the rest.
      if (next != JsonToken.END_OBJECT || counted == null) {
        throw new IOException(truncated(read));
      }
      if (counted != read) {
        throw new IOException("its inventory counts " + counted + " blobs but lists " + read);
      }
    }
    return new Inventory(nodeName, placement);
  }

  private static String truncated(long read) {
    return "its inventory ended early, after " + read + " blobs (the node failed while listing them; see its log)";
  }

  /** The merge's counts, digest and the first {@code listed} blobs of each kind. */
  private static final class Tally {
    private final boolean verify;
    private final int listed;
    private final Placement placement;
    private final String node;
    private final List<Map<String, Object>> surplus = new ArrayList<>();
    private int surplusCount;
    private final SortedComparison.RunningDigest digest = new SortedComparison.RunningDigest();
    private final List<Map<String, Object>> missing = new ArrayList<>();
    private final List<Map<String, Object>> orphans = new ArrayList<>();
    private final List<String> corrupt = new ArrayList<>();
    private int heldCount;
    private int missingCount;
    private int orphanCount;
    private int corruptCount;

    Tally(boolean verify, int listed, Placement placement, String node) {
      this.verify = verify;
      this.listed = listed;
      this.placement = placement;
      this.node = node;
    }

    private boolean placedHere(String blob) {
      return placement == null || placement.places(BlobId.of(blob), node);
    }

    void merge(LineCursor referenced, LineCursor held) {
      Line r = referenced.hasNext() ? referenced.next() : null;
      Line h = held.hasNext() ? held.next() : null;
      while (r != null || h != null) {
        int order = r == null ? 1 : h == null ? -1 : Line.ID_ORDER.compare(r.id(), h.id());
        if (order < 0) {
          missing(r);
        } else if (order > 0) {
          orphan(h);
        } else {
          held(r, h);
        }
        if (order <= 0) {
          r = referenced.hasNext() ? referenced.next() : null;
        }
        if (order >= 0) {
          h = held.hasNext() ? held.next() : null;
        }
      }
    }

    private void missing(Line referenced) {
      if (!placedHere(referenced.id())) {
        return;
      }
      String[] sizeAndMd5 = referenced.value().split(" ", 2);
      if (missingCount++ < listed) {
        missing.add(Map.of("id", referenced.id(), "size", Long.parseLong(sizeAndMd5[0]), "md5", sizeAndMd5[1]));
      }
    }

    private void orphan(Line held) {
      heldCount++;
      String[] sizeModifiedMd5 = held.value().split(" ", 3);
      if (orphanCount++ < listed) {
        orphans.add(Map.of("id", held.id(), "size", Long.parseLong(sizeModifiedMd5[0]), "modified", sizeModifiedMd5[1]));
      }
    }

    private void held(Line referenced, Line held) {
      heldCount++;
      String[] expected = referenced.value().split(" ", 2);
      String[] found = held.value().split(" ", 3);
      if (!placedHere(referenced.id()) && surplusCount++ < listed) {
        surplus.add(Map.of("id", referenced.id(), "size", Long.parseLong(found[0])));
      }
      String md5 = verify ? found[2] : expected[1];
      boolean sizeDiffers = !found[0].equals(expected[0]);
      if (sizeDiffers || (verify && !md5.equalsIgnoreCase(expected[1]))) {
        if (corruptCount++ < listed) {
          corrupt.add(referenced.id());
        }
      }
      digest.add(referenced.id(), found[0] + " " + md5);
    }
  }
}
