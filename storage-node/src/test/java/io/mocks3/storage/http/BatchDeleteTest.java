package io.mocks3.storage.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.storage.StorageNodeProperties;
import io.mocks3.storage.store.BlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.ResponseEntity;

/** {@code POST /blobs/delete}: each blob as {@code DELETE /blobs/{id}} would, one answer for all; bad input deletes nothing. */
class BatchDeleteTest {
  @TempDir Path root;
  private BlobStore store;
  private AdminController controller;

  @BeforeEach
  void setUp() {
    store = new BlobStore(root, null);
    controller = new AdminController(store, null, new StorageNodeProperties(null, "node-1", root, List.of("node-1"), 1));
  }

  @Test
  void everyNamedBlobIsDeleted_OneNotHereIsAbsent_AndTheOthersStay() throws Exception {
    BlobId a = stored("a"), b = stored("b"), kept = stored("kept");
    String missing = UUID.randomUUID().toString();

    ResponseEntity<Map<String, Object>> answer = controller.deleteAll(
        "{\"blobs\": [\"" + a.value() + "\", \"" + missing + "\", \"" + b.value() + "\"]}");

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getBody()).containsEntry("deleted", List.of(a.value(), b.value()))
        .containsEntry("absent", List.of(missing)).containsEntry("failed", Map.of());
    assertThat(store.size(a)).isEmpty();
    assertThat(store.size(b)).isEmpty();
    assertThat(store.size(kept)).contains(4L);
  }

  @Test
  void aBodyThatIsNotAListOfBlobIdsIs400NamingTheField_AndDeletesNothing() throws Exception {
    BlobId a = stored("a");
    for (String body : List.of("{}", "[]", "not json", "{\"blobs\": \"" + a.value() + "\"}",
        "{\"blobs\": [\"" + a.value() + "\", \"../etc\"]}", "{\"blobs\": [\"" + a.value() + "\", 7]}")) {
      ResponseEntity<Map<String, Object>> answer = controller.deleteAll(body);
      assertThat(answer.getStatusCode().value()).as(body).isEqualTo(400);
      assertThat(String.valueOf(answer.getBody().get("error"))).as(body).startsWith("blobs: ");
    }
    assertThat(controller.deleteAll(null).getStatusCode().value()).isEqualTo(400);
    StringBuilder tooMany = new StringBuilder("{\"blobs\": [");
    for (int i = 0; i <= AdminController.MOST_DELETED_AT_ONCE; i++) {
      tooMany.append(i == 0 ? "" : ",").append('"').append(a.value()).append('"');
    }
    assertThat(controller.deleteAll(tooMany.append("]}").toString()).getStatusCode().value())
        .isEqualTo(400);
    assertThat(store.size(a)).as("nothing deleted").contains(1L);
  }

  private BlobId stored(String text) throws Exception {
    BlobId id = BlobId.of(UUID.randomUUID().toString());
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    store.write(new BlobChunk(id, 0, 0, true, bytes.length, bytes));
    store.sync();
    return id;
  }
}
