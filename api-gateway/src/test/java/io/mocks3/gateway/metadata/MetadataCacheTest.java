package io.mocks3.gateway.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.readmodel.ObjectRow;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A row as the projector's CDC caches it (Debezium's JSON of an objects row) reads as the same ObjectRow PostgreSQL gives. */
class MetadataCacheTest {
  @Test
  void aCapturedRowReadsBackWithEveryColumn() {
    ObjectRow row = MetadataCache.row("""
        {"bucket":"photos","key":"big.bin","blob_id":"76aad094-9dcd-47e2-8a2f-feb6d66b0e2a","size":10485760,"etag":"abc-2",\
        "content_type":"application/octet-stream","headers":"{\\"Cache-Control\\": \\"no-cache\\"}",\
        "user_metadata":"{\\"owner\\": \\"me\\"}","last_modified":"2026-11-23T10:35:27.682914Z","sequence":7,\
        "parts":"[{\\"id\\": \\"76aad094-9dcd-47e2-8a2f-feb6d66b0e21\\", \\"size\\": 5242880, \\"md5Hex\\": \\"aa\\"}, {\\"id\\": \\"76aad094-9dcd-47e2-8a2f-feb6d66b0e22\\", \\"size\\": 5242880, \\"md5Hex\\": \\"bb\\"}]",\
        "tags":"{\\"k\\": \\"v\\"}","checksums":"{\\"CRC32\\": \\"AAAAAA==-2\\"}","version_id":"v-9"}""");
    assertThat(row.key()).isEqualTo("big.bin");
    assertThat(row.blobId().value()).isEqualTo("76aad094-9dcd-47e2-8a2f-feb6d66b0e2a");
    assertThat(row.size()).isEqualTo(10_485_760L);
    assertThat(row.headers()).containsEntry("Cache-Control", "no-cache");
    assertThat(row.userMetadata()).containsEntry("owner", "me");
    assertThat(row.tags()).containsEntry("k", "v");
    assertThat(row.checksums()).containsEntry(ChecksumAlgorithm.CRC32, "AAAAAA==-2");
    assertThat(row.lastModified()).isEqualTo(Instant.parse("2026-11-23T10:35:27.682914Z"));
    assertThat(row.parts()).hasSize(2);
    assertThat(row.parts().get(1).id().value()).isEqualTo("76aad094-9dcd-47e2-8a2f-feb6d66b0e22");
    assertThat(row.versionId()).isEqualTo("v-9");
  }

  @Test
  void nullColumnsStayAbsent() {
    ObjectRow row = MetadataCache.row("""
        {"bucket":"b","key":"k","blob_id":"76aad094-9dcd-47e2-8a2f-feb6d66b0e2a","size":1,"etag":"e","content_type":"text/plain","headers":"{}",\
        "user_metadata":"{}","last_modified":"2026-11-23T10:35:27Z","sequence":1,"parts":null,"tags":"{}",\
        "checksums":"{}","version_id":null}""");
    assertThat(row.parts()).isNull();
    assertThat(row.versionId()).isNull();
    assertThat(row.content()).hasSize(1);
  }
}
