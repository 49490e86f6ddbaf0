package io.mocks3.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobLayoutTest {
  @TempDir Path root;

  @Test
  void everyFileOfABlobLiesUnderTheRoot_SpreadByItsFirstTwoHexDigits() {
    BlobLayout layout = BlobLayout.under(root);
    BlobId id = BlobId.random();
    String prefix = id.value().substring(0, 2);
    assertThat(layout.partial(id)).isEqualTo(root.resolve("partial").resolve(id.value()));
    assertThat(layout.incoming(id)).isEqualTo(root.resolve("partial").resolve(id.value() + ".import"));
    assertThat(layout.complete(id)).isEqualTo(root.resolve("blobs").resolve(prefix).resolve(id.value()));
    assertThat(layout.content("ab" + "0".repeat(62))).isEqualTo(root.resolve("content").resolve("ab").resolve("ab" + "0".repeat(62)));
    assertThat(layout.checkpoint()).isEqualTo(root.resolve("checkpoint"));
    assertThat(Files.isDirectory(layout.partialDir()) && Files.isDirectory(layout.completeDir())
        && Files.isDirectory(layout.contentDir())).as("created").isTrue();
  }

  @Test
  void aContentNameThatWouldLeaveTheRootIsRefused() {
    BlobLayout layout = BlobLayout.under(root);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> layout.content("../../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("escapes the storage root");
  }
}
