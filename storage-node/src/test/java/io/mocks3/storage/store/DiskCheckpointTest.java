package io.mocks3.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCheckpointTest {
  @TempDir Path root;

  @Test
  void aDiskWithoutACheckpointStartsFromTheBeginning_ThenResumesWhereItsLastBatchEnded() throws Exception {
    DiskCheckpoint checkpoint = new DiskCheckpoint(BlobLayout.under(root));
    assertThat(checkpoint.read()).isEmpty();
    checkpoint.save(Map.of(0, 12L, 2, 7L));
    checkpoint.save(Map.of(0, 15L, 1, 3L, 2, 7L));
    assertThat(checkpoint.read()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 15L, 1, 3L, 2, 7L));
    assertThat(root.resolve("checkpoint.next")).as("written aside, then renamed into place").doesNotExist();
    checkpoint.forget();
    assertThat(checkpoint.read()).isEmpty();
    assertThat(Files.exists(root.resolve("checkpoint"))).isFalse();
  }
}
