package io.mocks3.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.Placement;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageMembersTest {
  private static final List<URI> URLS = List.of(URI.create("http://n1:1"), URI.create("http://n2:2"), URI.create("http://n3:3"),
      URI.create("http://n4:4"));
  private static final List<String> IDS = List.of("node-1", "node-2", "node-3", "node-4");

  @Test
  void aBlobIsReadFromItsHoldersFirstThenFromTheOthers() {
    StorageMembers members = new StorageMembers(URLS, IDS, 2);
    Placement placement = new Placement(IDS, 2);
    for (int i = 0; i < 50; i++) {
      BlobId blob = BlobId.random();
      List<URI> order = members.readOrder(blob);
      assertThat(order).hasSize(4).doesNotHaveDuplicates();
      List<String> holders = placement.nodesFor(blob);
      assertThat(order.subList(0, 2)).containsExactly(url(holders.get(0)), url(holders.get(1)));
      assertThat(members.holders(blob)).containsExactlyInAnyOrderElementsOf(holders);
      assertThat(members.holds(order.get(0), blob)).isTrue();
      assertThat(members.holds(order.get(3), blob)).isFalse();
    }
    assertThat(members.copies()).isEqualTo(2);
  }

  @Test
  void withoutIdsEveryNodeHoldsEveryBlobAndAnyAcknowledgementCounts() {
    StorageMembers members = new StorageMembers(URLS.subList(0, 2), List.of(), 0);
    BlobId blob = BlobId.random();
    assertThat(members.holders(blob)).isNull();
    assertThat(members.holds(URLS.get(1), blob)).isTrue();
    assertThat(members.readOrder(blob)).containsExactlyInAnyOrderElementsOf(URLS.subList(0, 2));
    assertThat(members.copies()).isEqualTo(2);
  }

  @Test
  void idsMustMatchTheUrls_AndAFactorNeedsThem() {
    assertThatThrownBy(() -> new StorageMembers(URLS, IDS.subList(0, 3), 2)).hasMessageContaining("mocks3.storage-node-ids names 3");
    assertThatThrownBy(() -> new StorageMembers(URLS, List.of(), 2)).hasMessageContaining("needs mocks3.storage-node-ids");
  }

  private static URI url(String id) {
    return URLS.get(IDS.indexOf(id));
  }
}
