package io.mocks3.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobChunk;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
  @TempDir Path root;

  private static void writeWhole(BlobStore store, BlobId id, byte[] bytes) throws Exception {
    int half = bytes.length / 2;
    store.write(new BlobChunk(id, 0, 0, false, 0, java.util.Arrays.copyOfRange(bytes, 0, half)));
    assertThat(store.write(new BlobChunk(id, 1, half, true, bytes.length, java.util.Arrays.copyOfRange(bytes, half, bytes.length))))
        .isTrue();
  }

  private static byte[] read(BlobStore store, BlobId id, long size) throws Exception {
    try (InputStream in = store.read(id, 0, size).orElseThrow()) {
      return in.readAllBytes();
    }
  }

  @Test
  void aBlobMissingAChunkIsNeverPublished_UntilTheChunkArrivesAndTheRestAfterIt() throws Exception {
    BlobStore store = new BlobStore(root, null);
    BlobId id = BlobId.random();
    byte[] a = "first part, ".getBytes(StandardCharsets.UTF_8);
    byte[] b = "second part".getBytes(StandardCharsets.UTF_8);
    BlobChunk first = new BlobChunk(id, 0, 0, false, 0, a);
    BlobChunk last = new BlobChunk(id, 1, a.length, true, a.length + b.length, b);

    assertThat(store.write(last)).as("the first chunk was lost on the way").isFalse();
    assertThat(store.size(id)).isEmpty();

    assertThat(store.write(first)).isFalse();
    assertThat(store.write(last)).isTrue();
    assertThat(read(store, id, a.length + b.length)).isEqualTo("first part, second part".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void identicalContentIsStoredOnceWhateverItsNames_AndOtherContentApart() throws Exception {
    BlobStore store = new BlobStore(root, null);
    byte[] same = "the same bytes under two names".getBytes(StandardCharsets.UTF_8);
    BlobId first = BlobId.random();
    BlobId second = BlobId.random();
    BlobId other = BlobId.random();
    writeWhole(store, first, same);
    writeWhole(store, second, same);
    writeWhole(store, other, "different".getBytes(StandardCharsets.UTF_8));

    Path content = store.contentPath(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(same)));
    assertThat(Files.getAttribute(content, "unix:nlink")).as("content entry + two names").isEqualTo(3);
    assertThat(read(store, first, same.length)).isEqualTo(same);
    assertThat(read(store, second, same.length)).isEqualTo(same);

    // A chunk replayed after a crash finds the blob complete and changes nothing.
    int half = same.length / 2;
    assertThat(store.write(new BlobChunk(second, 1, half, true, same.length,
        java.util.Arrays.copyOfRange(same, half, same.length)))).isTrue();
    assertThat(Files.getAttribute(content, "unix:nlink")).isEqualTo(3);
  }
}
