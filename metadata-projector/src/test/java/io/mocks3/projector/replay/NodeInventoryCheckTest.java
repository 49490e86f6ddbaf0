package io.mocks3.projector.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.Placement;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node is judged by the blobs placed on it: missing only among those, surplus for the others it still holds. */
class NodeInventoryCheckTest {
  private static final List<String> FOUR = List.of("node-1", "node-2", "node-3", "node-4");
  private final Placement placement = new Placement(FOUR, 2);
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void givenAPlacedNode_ThenMissingCountsItsOwnBlobsOnly_AndOthersItHoldsAreSurplus() throws Exception {
    List<BlobId> blobs = IntStream.range(0, 40).mapToObj(i -> BlobId.random()).toList();
    List<BlobId> mine = blobs.stream().filter(b -> placement.places(b, "node-2")).toList();
    List<BlobId> others = blobs.stream().filter(b -> !placement.places(b, "node-2")).toList();
    // node-2 holds all of its blobs but the first, and one blob placed elsewhere.
    List<BlobId> held = new ArrayList<>(mine.subList(1, mine.size()));
    held.add(others.get(0));
    URI node = serve("node-2", held, true);

    Map<String, Object> report = check(node, blobs);

    assertThat(report).containsEntry("node", "node-2").containsEntry("missingCount", 1).containsEntry("surplusCount", 1)
        .containsEntry("orphanCount", 0);
    assertThat(report.get("missing").toString()).contains(mine.get(0).value());
    assertThat(report.get("surplus").toString()).contains(others.get(0).value());
    assertThat(report.get("placement")).isEqualTo(Map.of("nodes", FOUR, "replicationFactor", 2));
  }

  @Test
  void givenANodeWithoutPlacement_ThenEveryReferencedBlobIsExpectedThere() throws Exception {
    List<BlobId> blobs = IntStream.range(0, 10).mapToObj(i -> BlobId.random()).toList();
    URI node = serve("node-1", blobs.subList(0, 7), false);

    Map<String, Object> report = check(node, blobs);

    assertThat(report).containsEntry("missingCount", 3).doesNotContainKeys("surplusCount", "placement");
  }

  @Test
  void givenAnInventoryCutShort_ThenTheNodeIsReportedUnreadable_NotMissingTheRest() throws Exception {
    List<BlobId> blobs = IntStream.range(0, 10).mapToObj(i -> BlobId.random()).toList();
    // What a node that failed while walking its disk sent: its JSON generator, closed by the failure, ended the
    // array and the object it was in (Jackson's auto-close), so the answer parses but lacks the count after the blobs.
    String listed = blobs.subList(0, 4).stream()
        .map(b -> "{\"id\":\"" + b.value() + "\",\"size\":5,\"modified\":\"2026-01-01T00:00:00Z\"}")
        .collect(Collectors.joining(","));
    URI node = serveBody(("{\"node\":\"node-1\",\"blobs\":[" + listed + "]}").getBytes(StandardCharsets.UTF_8));

    int[] differences = {0};
    Map<String, Object> report = check(node, blobs, differences);

    assertThat(report).doesNotContainKey("missingCount");
    assertThat(report.get("error").toString()).contains("ended early, after 4 blobs");
    assertThat(differences[0]).isEqualTo(1);
  }

  private Map<String, Object> check(URI node, List<BlobId> referenced) throws Exception {
    return check(node, referenced, new int[1]);
  }

  private Map<String, Object> check(URI node, List<BlobId> referenced, int[] differences) throws Exception {
    try (LineSorter sorter = new LineSorter("referenced")) {
      referenced.forEach(b -> sorter.add(b.value(), "5 md5-" + b.value()));
      NodeInventoryCheck check = new NodeInventoryCheck(HttpClient.newHttpClient());
      try (NodeInventoryCheck.Held held = check.read(node, false)) {
        return check.check(held, sorter, false, differences, 100);
      }
    }
  }

  private URI serve(String name, List<BlobId> held, boolean placed) throws Exception {
    String blobs = held.stream().map(b -> "{\"id\":\"" + b.value() + "\",\"size\":5,\"modified\":\"2026-01-01T00:00:00Z\"}")
        .collect(Collectors.joining(","));
    String placement = placed ? "\"placement\":{\"nodes\":[\"node-1\",\"node-2\",\"node-3\",\"node-4\"],\"replicationFactor\":2}," : "";
    return serveBody(("{\"node\":\"" + name + "\"," + placement + "\"blobs\":[" + blobs + "],\"count\":" + held.size() + "}")
        .getBytes(StandardCharsets.UTF_8));
  }

  private URI serveBody(byte[] body) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/admin/blobs", exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }
}
