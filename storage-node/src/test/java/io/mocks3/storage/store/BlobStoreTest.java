package io.mocks3.storage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.RuleBook;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.FaultRule;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
  @TempDir Path root;

  private static void writeWhole(BlobStore store, BlobId id, byte[] bytes) throws Exception {
    int half = bytes.length / 2;
    store.write(new BlobChunk(id, 0, 0, false, 0, java.util.Arrays.copyOfRange(bytes, 0, half)));
    assertThat(store.write(new BlobChunk(id, 1, half, true, bytes.length, java.util.Arrays.copyOfRange(bytes, half, bytes.length))))
        .isTrue();
    store.sync();
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
    store.sync();
    assertThat(read(store, id, a.length + b.length)).isEqualTo("first part, second part".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aBatchsCompletedBlobsAreServedOnlyOnceTheBatchIsSynced_AndADuplicateInTheBatchIsWrittenOnce() throws Exception {
    BlobStore store = new BlobStore(root, null);
    List<BlobId> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      BlobId id = BlobId.random();
      byte[] bytes = ("blob " + i).getBytes(StandardCharsets.UTF_8);
      assertThat(store.write(new BlobChunk(id, 0, 0, true, bytes.length, bytes))).isTrue();
      ids.add(id);
    }
    byte[] again = "blob 0".getBytes(StandardCharsets.UTF_8);
    assertThat(store.write(new BlobChunk(ids.get(0), 0, 0, true, again.length, again))).as("delivered twice").isTrue();
    assertThat(store.size(ids.get(0))).as("not durable yet, so not served").isEmpty();

    store.sync();
    for (int i = 0; i < ids.size(); i++) {
      assertThat(read(store, ids.get(i), ("blob " + i).length())).isEqualTo(("blob " + i).getBytes(StandardCharsets.UTF_8));
    }
    assertThat(store.list()).hasSize(40);
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
    store.sync();
    assertThat(Files.getAttribute(content, "unix:nlink")).isEqualTo(3);
  }

  /**
   * A blob is filed under the SHA-256 of its bytes, hashed as its chunks are written in order (a
   * chunk delivered again adds nothing), read back when its writing began before a restart, and
   * hashed on the way in when imported: all four names below share one content entry.
   */
  @Test
  void aBlobIsFiledUnderTheSha256OfItsBytes_HashedAsWritten_AfterARedelivery_AcrossARestart_OrImported() throws Exception {
    byte[] same = "three chunks of the same bytes, under four names".getBytes(StandardCharsets.UTF_8);
    int third = same.length / 3;
    BlobStore store = new BlobStore(root, null);
    BlobId redelivered = BlobId.random();
    store.write(new BlobChunk(redelivered, 0, 0, false, 0, java.util.Arrays.copyOfRange(same, 0, third)));
    store.write(new BlobChunk(redelivered, 1, third, false, 0, java.util.Arrays.copyOfRange(same, third, 2 * third)));
    store.write(new BlobChunk(redelivered, 0, 0, false, 0, java.util.Arrays.copyOfRange(same, 0, third)));
    store.write(new BlobChunk(redelivered, 2, 2 * third, true, same.length, java.util.Arrays.copyOfRange(same, 2 * third, same.length)));
    BlobId plain = BlobId.random();
    writeWhole(store, plain, same);
    BlobId restarted = BlobId.random();
    store.write(new BlobChunk(restarted, 0, 0, false, 0, java.util.Arrays.copyOfRange(same, 0, third)));
    store.sync();

    BlobStore again = new BlobStore(root, null);
    assertThat(again.write(new BlobChunk(restarted, 1, third, true, same.length, java.util.Arrays.copyOfRange(same, third, same.length))))
        .isTrue();
    again.sync();
    BlobId imported = BlobId.random();
    again.importBlob(imported, new java.io.ByteArrayInputStream(same), same.length, null);

    Path content = again.contentPath(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(same)));
    assertThat(Files.getAttribute(content, "unix:nlink")).as("the content entry and four names").isEqualTo(5);
    for (BlobId id : List.of(redelivered, plain, restarted, imported)) {
      assertThat(read(again, id, same.length)).isEqualTo(same);
    }
  }

  private static FaultRule diskRule(String action) {
    return new FaultRule(action, action, null, "storage-disk", true, List.of(),
        new Action(action, null, null, null, null, null, null, null), null, null, null, null, Instant.EPOCH, null);
  }

  @Test
  void aFullDiskFailsWritesButServesReads_AndBitRotFlipsAStoredByteForGood() throws Exception {
    RuleBook rules = new RuleBook("node-1");
    BlobStore store = new BlobStore(root, new FaultAgent("node-1", rules, null, null, Clock.systemUTC()));
    byte[] bytes = "bytes that will decay on the disk".getBytes(StandardCharsets.UTF_8);
    BlobId kept = BlobId.random();
    writeWhole(store, kept, bytes);

    rules.put("full", diskRule("disk_full"));
    assertThatThrownBy(() -> writeWhole(store, BlobId.random(), bytes)).hasMessageContaining("No space left on device");
    assertThat(read(store, kept, bytes.length)).isEqualTo(bytes);
    rules.put("full", null);

    rules.put("rot", diskRule("bit_rot"));
    byte[] rotten = read(store, kept, bytes.length);
    rules.put("rot", null);
    int differing = 0;
    for (int i = 0; i < bytes.length; i++) {
      differing += rotten[i] != bytes[i] ? 1 : 0;
    }
    assertThat(differing).as("one byte flipped").isEqualTo(1);
    assertThat(read(store, kept, bytes.length)).as("the rot stays after the rule is gone").isEqualTo(rotten);
  }

  @Test
  void aPartialWriteFailsHalfwayAndTheRetriedChunkCompletesTheBlobIntact() throws Exception {
    RuleBook rules = new RuleBook("node-1");
    BlobStore store = new BlobStore(root, new FaultAgent("node-1", rules, null, null, Clock.systemUTC()));
    byte[] bytes = "a chunk whose first half reaches the disk before the write fails".getBytes(StandardCharsets.UTF_8);
    BlobId id = BlobId.random();
    rules.put("partial", new FaultRule("partial", "partial", null, "storage-disk", true,
        List.of(new io.mocks3.schemas.fault.Condition("first_n", 1, null, null, null)),
        new Action("partial_write", null, null, null, null, null, null, null), null, null, null, null, Instant.EPOCH, null));
    BlobChunk whole = new BlobChunk(id, 0, 0, true, bytes.length, bytes);
    assertThatThrownBy(() -> store.write(whole)).hasMessageContaining("injected partial write");
    assertThat(store.read(id, 0, bytes.length)).as("an incomplete blob is never served").isEmpty();
    assertThat(store.write(whole)).isTrue();
    store.sync();
    assertThat(read(store, id, bytes.length)).isEqualTo(bytes);
  }

  @Test
  void deletingOneNameKeepsSharedBytes_AndTheLastNameTakesThemAlong() throws Exception {
    RuleBook rules = new RuleBook("node-1");
    BlobStore store = new BlobStore(root, new FaultAgent("node-1", rules, null, null, Clock.systemUTC()));
    byte[] same = "bytes under two names, then one, then none".getBytes(StandardCharsets.UTF_8);
    BlobId a = BlobId.random();
    BlobId b = BlobId.random();
    writeWhole(store, a, same);
    writeWhole(store, b, same);
    Path shared = store.contentPath(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(same)));

    rules.put("io", diskRule("http_error"));
    assertThatThrownBy(() -> store.delete(a)).hasMessageContaining("injected I/O error");
    assertThat(store.size(a)).as("a failed delete removes nothing").contains((long) same.length);
    rules.put("io", null);

    assertThat(store.delete(a)).isTrue();
    assertThat(store.size(a)).isEmpty();
    assertThat(read(store, b, same.length)).isEqualTo(same);
    assertThat(shared).exists();
    assertThat(store.delete(b)).isTrue();
    assertThat(shared).doesNotExist();
    assertThat(store.delete(b)).as("already gone").isFalse();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void anImportedBlobMustMatchItsSizeAndMd5_ThenItIsServedLikeAnyOther() throws Exception {
    BlobStore store = new BlobStore(root, null);
    byte[] bytes = "a blob a peer still had".getBytes(StandardCharsets.UTF_8);
    BlobId id = BlobId.random();
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));

    assertThatThrownBy(() -> store.importBlob(id, new java.io.ByteArrayInputStream(bytes), bytes.length, "00" + md5.substring(2)))
        .hasMessageContaining("MD5");
    assertThatThrownBy(() -> store.importBlob(id, new java.io.ByteArrayInputStream(bytes), bytes.length + 1, md5))
        .hasMessageContaining("expected");
    assertThat(store.size(id)).as("nothing half-imported is served").isEmpty();

    store.importBlob(id, new java.io.ByteArrayInputStream(bytes), bytes.length, md5);
    assertThat(read(store, id, bytes.length)).isEqualTo(bytes);
    assertThat(store.md5(id)).contains(md5);
    assertThat(store.list()).extracting(BlobStore.StoredBlob::id).containsExactly(id);
  }

  @Test
  void theCheckpointIsTheDisksPositionInTheLog_AndAWipeForgetsItWithEveryBlob() throws Exception {
    BlobStore store = new BlobStore(root, null);
    assertThat(store.checkpoint()).isEmpty();
    BlobId id = BlobId.random();
    writeWhole(store, id, "some bytes".getBytes(StandardCharsets.UTF_8));
    store.write(new BlobChunk(BlobId.random(), 0, 0, false, 0, new byte[] {1, 2, 3}));
    store.saveCheckpoint(java.util.Map.of(0, 12L, 2, 7L));
    assertThat(new BlobStore(root, null).checkpoint()).as("read back by a restarted node").containsOnly(
        java.util.Map.entry(0, 12L), java.util.Map.entry(2, 7L));

    store.wipe();
    assertThat(store.checkpoint()).isEmpty();
    assertThat(store.list()).isEmpty();
    assertThat(store.spaceUsed()).isZero();
    assertThat(store.size(id)).isEmpty();

    // The wiped files are deleted in the background; the disk takes blobs again at once.
    byte[] again = "again".getBytes(StandardCharsets.UTF_8);
    writeWhole(store, id, again);
    assertThat(read(store, id, again.length)).isEqualTo(again);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hasFiles(root.resolve("trash"))).as("the trash is emptied").isFalse());
    assertThat(store.list()).extracting(BlobStore.StoredBlob::id).containsExactly(id);
  }

  /** A crash before the trash was emptied: the next start deletes what is left in it. */
  @Test
  void whatACrashLeftInTheTrash_IsDeletedAfterTheNextStart() throws Exception {
    Path leftOver = Files.createDirectories(root.resolve("trash/wiped-1/blobs/ab"));
    Files.write(leftOver.resolve("abcdef"), new byte[] {1});
    new BlobStore(root, null);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hasFiles(root.resolve("trash"))).isFalse());
  }

  private static boolean hasFiles(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return false;
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    }
  }
}
