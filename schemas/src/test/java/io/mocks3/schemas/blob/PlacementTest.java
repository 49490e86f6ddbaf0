package io.mocks3.schemas.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.schemas.BlobId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlacementTest {
  private static final List<String> FOUR = List.of("node-1", "node-2", "node-3", "node-4");
  private static final List<BlobId> BLOBS = blobs(20_000);

  @Test
  void eachBlobGoesToRDistinctNodes_AndTheNodesShareTheBlobsEvenly() {
    Placement placement = new Placement(FOUR, 2);
    Map<String, Integer> perNode = new HashMap<>();
    for (BlobId blob : BLOBS) {
      List<String> nodes = placement.nodesFor(blob);
      assertThat(nodes).hasSize(2).doesNotHaveDuplicates();
      assertThat(placement.ranked(blob).subList(0, 2)).isEqualTo(nodes);
      nodes.forEach(n -> perNode.merge(n, 1, Integer::sum));
    }
    // 40,000 copies over 4 nodes: 10,000 each, within 3 %.
    assertThat(perNode).containsOnlyKeys(FOUR);
    assertThat(perNode.values()).allSatisfy(count -> assertThat(count).isBetween(9_700, 10_300));
  }

  @Test
  void everyPairOfNodesHoldsItsShareOfBlobs() {
    Placement placement = new Placement(FOUR, 2);
    Map<Set<String>, Integer> perPair = new HashMap<>();
    BLOBS.forEach(blob -> perPair.merge(new HashSet<>(placement.nodesFor(blob)), 1, Integer::sum));
    // 6 pairs: a node's blobs spread over all three others, so a dead node's load is shared.
    assertThat(perPair).hasSize(6);
    assertThat(perPair.values()).allSatisfy(count -> assertThat(count).isBetween(3_000, 3_700));
  }

  @Test
  void addingANodeMovesOnlyTheBlobsItWins_OneCopyEach() {
    Placement before = new Placement(FOUR, 2);
    Placement after = new Placement(List.of("node-1", "node-2", "node-3", "node-4", "node-5"), 2);
    int moved = 0;
    for (BlobId blob : BLOBS) {
      Set<String> was = new HashSet<>(before.nodesFor(blob));
      Set<String> is = new HashSet<>(after.nodesFor(blob));
      if (!was.equals(is)) {
        moved++;
        assertThat(is).contains("node-5");
        assertThat(was).containsAll(withoutNode(is, "node-5"));
      }
    }
    // Node 5 wins a place in about 2 of every 5 blobs (R / (N + 1)).
    assertThat(moved).isBetween(7_600, 8_400);
  }

  @Test
  void removingANodeMovesOnlyItsBlobs_EachToOneNewNode() {
    Placement before = new Placement(FOUR, 2);
    Placement after = new Placement(List.of("node-1", "node-2", "node-4"), 2);
    for (BlobId blob : BLOBS) {
      Set<String> was = new HashSet<>(before.nodesFor(blob));
      Set<String> is = new HashSet<>(after.nodesFor(blob));
      if (was.contains("node-3")) {
        assertThat(is).containsAll(withoutNode(was, "node-3")).hasSize(2);
      } else {
        assertThat(is).isEqualTo(was);
      }
    }
  }

  @Test
  void theOrderOfTheMembersDoesNotMatter_AndPlacementIsTheSameInEveryProcess() {
    Placement one = new Placement(FOUR, 2);
    Placement other = new Placement(List.of("node-3", "node-1", "node-4", "node-2"), 2);
    BLOBS.subList(0, 1_000).forEach(blob -> assertThat(other.nodesFor(blob)).isEqualTo(one.nodesFor(blob)));
    // Fixed by the hash, not by this JVM: a blob's nodes never change between releases.
    assertThat(one.nodesFor(BlobId.of("00000000-0000-0000-0000-000000000001"))).containsExactly("node-1", "node-2");
  }

  @Test
  void factorZeroOrAboveTheMembersPlacesEveryBlobEverywhere() {
    Placement all = Placement.everywhere(List.of("node-1", "node-2"));
    assertThat(all.copies()).isEqualTo(2);
    assertThat(all.places(BLOBS.get(0), "node-2")).isTrue();
    assertThat(all.places(BLOBS.get(0), "node-9")).isFalse();
    assertThat(new Placement(List.of("node-1", "node-2"), 5).nodesFor(BLOBS.get(0))).containsExactlyInAnyOrder("node-1", "node-2");
  }

  @Test
  void membersMustBeNamedOnceAndTheFactorNotNegative() {
    assertThatThrownBy(() -> new Placement(List.of(), 1)).hasMessageContaining("mocks3.storage-node-ids");
    assertThatThrownBy(() -> new Placement(List.of("node-1", "node-1"), 1)).hasMessageContaining("twice");
    assertThatThrownBy(() -> new Placement(FOUR, -1)).hasMessageContaining("mocks3.replication-factor");
  }

  private static Set<String> withoutNode(Set<String> nodes, String node) {
    Set<String> out = new HashSet<>(nodes);
    out.remove(node);
    return out;
  }

  private static List<BlobId> blobs(int count) {
    Random random = new Random(21);
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> BlobId.of(new UUID(random.nextLong(), random.nextLong()).toString())).toList();
  }
}
