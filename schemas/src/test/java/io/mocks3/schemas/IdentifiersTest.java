package io.mocks3.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bucket names, object keys and blob ids are plain JSON strings, validated on the way in. */
class IdentifiersTest {
  private static final ObjectMapper JSON = Json.mapper();

  record Holder(BucketName bucket, ObjectKey key, BlobId blob) {}

  @Test
  void eachIsAJsonStringAndReadsBack() throws Exception {
    Holder holder = new Holder(BucketName.of("photos"), ObjectKey.of("2026/cat.jpg"), BlobId.of("0123456789abcdef0123456789abcdef"));
    String json = JSON.writeValueAsString(holder);
    assertThat(JSON.readValue(json, Map.class))
        .containsEntry("bucket", "photos").containsEntry("key", "2026/cat.jpg").containsEntry("blob", "0123456789abcdef0123456789abcdef");
    assertThat(JSON.readValue(json, Holder.class)).isEqualTo(holder);
    assertThat(holder.bucket()).hasToString("photos");
    assertThat(holder.key()).hasToString("2026/cat.jpg");
  }

  @Test
  void invalidValuesAreRefusedWhenRead() {
    assertThatThrownBy(() -> JSON.readValue("{\"bucket\":\"UPPER\"}", Holder.class)).hasMessageContaining("invalid bucket name");
    assertThatThrownBy(() -> JSON.readValue("{\"blob\":\"../etc/passwd\"}", Holder.class)).hasMessageContaining("invalid blob id");
    assertThatThrownBy(() -> JSON.readValue("{\"key\":\"\"}", Holder.class)).hasMessageContaining("empty object key");
  }
}
