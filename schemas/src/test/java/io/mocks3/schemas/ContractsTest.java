package io.mocks3.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.schemas.blob.BlobChunkSerde;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.PutObject;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ContractsTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

  @Test
  void commandsRoundTripAsReadableJsonWithTypeAndVersion() {
    JsonSerde<Command> serde = JsonSerde.of(Command.class);
    Command put =
        new PutObject(
            "c-1",
            BucketName.of("photos"),
            ObjectKey.of("2026/cat.jpg"),
            new BlobRef(BlobId.random(), 5, "5d41402abc4b2a76b9719d911017c592", Map.of(ChecksumAlgorithm.CRC32, "NhCmhg==")),
            null,
            new ObjectMetadata("image/jpeg", Map.of("Cache-Control", "no-cache"), Map.of("owner", "ann"), Map.of("k", "v")),
            new WriteCondition(null, true),
            NOW);

    byte[] json = serde.serialize("t", put);

    String text = new String(json, StandardCharsets.UTF_8);
    assertThat(text).contains("\"type\":\"PutObject\"", "\"schemaVersion\":1", "\"bucket\":\"photos\"", "2026-11-22T10:15:30Z");
    assertThat(serde.deserialize("t", json)).isEqualTo(put);
  }

  @Test
  void eventsRoundTrip() {
    JsonSerde<Event> serde = JsonSerde.of(Event.class);
    Event rejected = new CommandRejected("c-2", BucketName.of("photos"), 7, NOW, "NoSuchBucket", "gone");
    assertThat(serde.deserialize("t", serde.serialize("t", rejected))).isEqualTo(rejected);
  }

  @Test
  void checksumsMatchTheirStandardCheckValues() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    Map<ChecksumAlgorithm, String> expected = Map.of(
        ChecksumAlgorithm.CRC32, "cbf43926",
        ChecksumAlgorithm.CRC32C, "e3069283",
        ChecksumAlgorithm.CRC64NVME, "ae8b14860a799888",
        ChecksumAlgorithm.SHA1, "f7c3bc1d808e04732adf679965ccc34ca7ae3441",
        ChecksumAlgorithm.SHA256, "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225");
    expected.forEach((algorithm, hex) -> {
      ChecksumAlgorithm.Digest digest = algorithm.newDigest();
      digest.update(check, 0, 4);
      digest.update(check, 4, check.length - 4);
      assertThat(java.util.HexFormat.of().formatHex(digest.digest())).as(algorithm.name()).isEqualTo(hex);
    });
    assertThat(ChecksumAlgorithm.parse("crc64nvme")).isEqualTo(ChecksumAlgorithm.CRC64NVME);
    assertThat(ChecksumAlgorithm.parse("md5")).isNull();
  }

  @Test
  void blobChunksRoundTripInBinary() {
    BlobChunkSerde serde = new BlobChunkSerde();
    BlobChunk chunk = new BlobChunk(BlobId.random(), 3, 1024, true, 1029, "hello".getBytes(StandardCharsets.UTF_8));

    BlobChunk back = serde.deserialize("t", serde.serialize("t", chunk));

    assertThat(back.blobId()).isEqualTo(chunk.blobId());
    assertThat(back.index()).isEqualTo(3);
    assertThat(back.offset()).isEqualTo(1024);
    assertThat(back.last()).isTrue();
    assertThat(back.totalSize()).isEqualTo(1029);
    assertThat(back.bytes()).isEqualTo(chunk.bytes());
  }

  @Test
  void corruptBlobChunkIsASerializationError() {
    assertThatThrownBy(() -> new BlobChunkSerde().deserialize("t", new byte[] {1, 40, 1}))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void bucketNamesFollowTheAwsRules() {
    assertThat(BucketName.isValid("my-bucket.v2")).isTrue();
    assertThat(BucketName.isValid("ab")).isFalse();
    assertThat(BucketName.isValid("UPPER")).isFalse();
    assertThat(BucketName.isValid("a..b")).isFalse();
    assertThat(BucketName.isValid("192.168.1.1")).isFalse();
    assertThat(BucketName.isValid("-start")).isFalse();
    assertThat(BucketName.isValid("a".repeat(64))).isFalse();
  }

  @Test
  void keysAreBoundedAndNulFreeButDotsAreJustCharacters() {
    assertThat(ObjectKey.of("../../etc/passwd").value()).isEqualTo("../../etc/passwd");
    assertThatThrownBy(() -> ObjectKey.of("a".repeat(1025))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ObjectKey.of("a\0b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void blobIdsCannotNameAPath() {
    assertThatThrownBy(() -> BlobId.of("../../../../etc/passwd0000000000000000"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
