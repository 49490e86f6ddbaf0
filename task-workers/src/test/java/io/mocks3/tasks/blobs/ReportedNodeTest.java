package io.mocks3.tasks.blobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.blob.Placement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the sweep reads from the consistency report: who has a blob, by placement. */
class ReportedNodeTest {
  private static final List<String> FOUR = List.of("node-1", "node-2", "node-3", "node-4");

  @Test
  void aNodeHasTheBlobsPlacedOnItThatItDoesNotLack_AndItsSurplus() {
    Placement placement = new Placement(FOUR, 2);
    BlobId blob = BlobId.random();
    List<String> holders = placement.nodesFor(blob);
    String other = FOUR.stream().filter(n -> !holders.contains(n)).findFirst().orElseThrow();
    String placementJson = "\"placement\":{\"nodes\":[\"node-1\",\"node-2\",\"node-3\",\"node-4\"],\"replicationFactor\":2}";
    String report = "{\"a\":{\"node\":\"" + holders.get(0) + "\",\"url\":\"http://a\"," + placementJson
        + ",\"missingCount\":1,\"missing\":[{\"id\":\"" + blob + "\"}],\"surplus\":[]},"
        + "\"b\":{\"node\":\"" + holders.get(1) + "\",\"url\":\"http://b\"," + placementJson + ",\"missingCount\":0,\"missing\":[]},"
        + "\"c\":{\"node\":\"" + other + "\",\"url\":\"http://c\"," + placementJson
        + ",\"missingCount\":0,\"missing\":[],\"surplus\":[{\"id\":\"" + blob + "\",\"size\":3}]},"
        + "\"d\":{\"error\":\"cannot read its inventory\"}}";

    List<ReportedNode> nodes = ReportedNode.of(Json.mapper().readTree(report));

    assertThat(nodes).extracting(ReportedNode::url).containsExactly("http://a", "http://b", "http://c");
    assertThat(nodes.get(0).has(blob.value())).as("missing on a holder").isFalse();
    assertThat(nodes.get(1).has(blob.value())).as("a holder that lacks nothing").isTrue();
    assertThat(nodes.get(2).has(blob.value())).as("a former holder's surplus copy").isTrue();
    assertThat(nodes.get(2).placedHere(blob.value())).isFalse();
    assertThat(nodes).allMatch(ReportedNode::complete);
  }

  @Test
  void withoutPlacementANodeHasEveryBlobItDoesNotLack() {
    String blob = BlobId.random().value();
    List<ReportedNode> nodes = ReportedNode.of(Json.mapper().readTree(
        "{\"a\":{\"node\":\"node-1\",\"url\":\"http://a\",\"missingCount\":3,\"missing\":[{\"id\":\"" + blob + "\"}]}}"));
    assertThat(nodes.get(0).has(blob)).isFalse();
    assertThat(nodes.get(0).has(BlobId.random().value())).isTrue();
    assertThat(nodes.get(0).complete()).as("3 missing, 1 listed").isFalse();
  }
}
