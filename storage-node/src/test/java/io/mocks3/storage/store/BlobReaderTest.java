package io.mocks3.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobReaderTest {
  @TempDir Path root;

  @Test
  void aRangeIsReadFromItsOffsetForItsLengthOnly_AndAnAbsentBlobIsEmpty() throws Exception {
    BlobLayout layout = BlobLayout.under(root);
    BlobReader reader = new BlobReader(layout, new DiskFaults(null, layout));
    BlobId id = BlobId.random();
    assertThat(reader.read(id, 0, 1)).isEmpty();
    assertThat(reader.size(id)).isEmpty();
    assertThat(reader.md5(id)).isEmpty();

    Files.createDirectories(layout.complete(id).getParent());
    Files.writeString(layout.complete(id), "0123456789");
    try (InputStream in = reader.read(id, 2, 3).orElseThrow()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("234");
    }
    assertThat(reader.size(id)).contains(10L);
    assertThat(reader.md5(id)).contains("781e5e245d69b566979b86e28d23f2c7");
  }
}
