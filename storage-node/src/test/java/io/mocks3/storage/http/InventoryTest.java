package io.mocks3.storage.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.storage.StorageNodeProperties;
import io.mocks3.storage.store.BlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/** {@code GET /admin/blobs}, written as the disk is walked: every blob once, its MD5 when asked, the count after them. */
class InventoryTest {
  @TempDir Path root;

  @Test
  void everyBlobIsListedOnceWithItsSizeAndMd5_AndTheCountAfterThem() throws Exception {
    BlobStore store = new BlobStore(root, null);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      BlobId id = BlobId.of(UUID.randomUUID().toString());
      byte[] bytes = ("blob " + i).getBytes(StandardCharsets.UTF_8);
      store.write(new BlobChunk(id, 0, 0, true, bytes.length, bytes));
      ids.add(id.value());
    }
    store.sync();
    var props = new StorageNodeProperties(null, "node-1", root, List.of("node-1", "node-2"), 1);
    var controller = new AdminController(store, null, props);
    MockHttpServletResponse response = new MockHttpServletResponse();

    controller.inventory(true, response);

    JsonNode inventory = Json.mapper().readTree(response.getContentAsByteArray());
    assertThat(response.getContentType()).isEqualTo("application/json");
    assertThat(inventory.path("node").asString()).isEqualTo("node-1");
    assertThat(inventory.path("placement").path("replicationFactor").asInt()).isEqualTo(1);
    assertThat(inventory.path("count").asInt()).isEqualTo(300);
    List<String> listed = new ArrayList<>();
    for (JsonNode blob : inventory.path("blobs")) {
      listed.add(blob.path("id").asString());
      String expected = "blob " + ids.indexOf(blob.path("id").asString());
      assertThat(blob.path("size").asLong()).isEqualTo(expected.length());
      assertThat(blob.path("md5").asString()).isEqualTo(HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("MD5").digest(expected.getBytes(StandardCharsets.UTF_8))));
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
  }
}
