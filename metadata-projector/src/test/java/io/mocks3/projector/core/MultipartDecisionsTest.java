package io.mocks3.projector.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.command.AbortMultipartUpload;
import io.mocks3.schemas.command.CompleteMultipartUpload;
import io.mocks3.schemas.command.CompleteMultipartUpload.ChosenPart;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.UploadPart;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.MultipartUploadAborted;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.PartUploaded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultipartDecisionsTest {
  private static final BucketName BUCKET = BucketName.of("photos");
  private static final Instant T = Instant.parse("2026-11-22T12:00:00Z");
  private static final String UPLOAD = "0b6e6a8e-6f4f-4d1c-9d0e-111111111111";
  private static final BucketState BUCKET_STATE = new BucketState("photos", true, T, 10, 0);
  private static final long MIB = 1024 * 1024;
  // md5("a") and md5("b") as the two parts' ETags
  private static final BlobRef PART_1 = BlobRef.of(BlobId.random(), 5 * MIB, "0cc175b9c0f1b6a831c399e269772661");
  private static final BlobRef PART_2 = BlobRef.of(BlobId.random(), 1, "92eb5ffee6ae2fec3ad71c777531578f");

  private static UploadState upload(Map<Integer, BlobRef> parts) {
    return new UploadState("big.bin", new ObjectMetadata("video/mp4", Map.of(), Map.of(), Map.of()), T, parts);
  }

  private static CompleteMultipartUpload complete(String key, ChosenPart... parts) {
    return new CompleteMultipartUpload("c", BUCKET, ObjectKey.of(key), UPLOAD, List.of(parts), null, T);
  }

  private static String code(Event e) {
    return e instanceof CommandRejected r ? r.errorCode() : null;
  }

  @Test
  void givenTwoParts_WhenCompletedInOrder_ThenTheObjectIsThePartsWithTheMultipartEtag() {
    Event e = CommandDecider.decide(complete("big.bin", new ChosenPart(1, "\"" + PART_1.md5Hex() + "\""),
        new ChosenPart(2, PART_2.md5Hex())), BUCKET_STATE, null, upload(Map.of(1, PART_1, 2, PART_2)));

    assertThat(e).isInstanceOfSatisfying(ObjectCreated.class, c -> {
      assertThat(c.parts()).containsExactly(PART_1, PART_2);
      assertThat(c.content()).containsExactly(PART_1, PART_2);
      assertThat(c.blob().size()).isEqualTo(5 * MIB + 1);
      // md5(md5("a") || md5("b")), the ETag AWS gives this upload
      assertThat(c.blob().md5Hex()).isEqualTo("96e024ba2074fe77e8e965ba43a704be-2");
      assertThat(c.metadata().contentType()).isEqualTo("video/mp4");
    });
    // kept, completed, to answer a retried completion
    assertThat(CommandDecider.evolveUpload(upload(Map.of()), e).completion().object()).isEqualTo(((ObjectCreated) e).blob());
  }

  @Test
  void givenPartsWithCrc32_ThenTheObjectHasTheCompositeChecksum_AndOnlyAlgorithmsEveryPartHas() {
    BlobRef a = new BlobRef(BlobId.random(), 5 * MIB, PART_1.md5Hex(),
        Map.of(ChecksumAlgorithm.CRC32, "6Le+Qw==", ChecksumAlgorithm.SHA1, "hvfkN/qlp/zhXR3cuerq6jd2Z7g="));
    BlobRef b = new BlobRef(BlobId.random(), 1, PART_2.md5Hex(), Map.of(ChecksumAlgorithm.CRC32, "cb7v+Q=="));
    BlobRef whole = MultipartRules.manifest(UPLOAD, List.of(a, b));
    // base64(crc32(crc32("a") || crc32("b"))) + "-2", as AWS computes a COMPOSITE checksum
    assertThat(whole.checksums()).containsExactly(Map.entry(ChecksumAlgorithm.CRC32, "7pJxdw==-2"));
  }

  @Test
  void givenAnExistingObject_WhenCompletedIfNoneMatchStar_ThenPreconditionFailed() {
    CompleteMultipartUpload c = new CompleteMultipartUpload("c", BUCKET, ObjectKey.of("big.bin"), UPLOAD,
        List.of(new ChosenPart(1, PART_1.md5Hex())), new WriteCondition(null, true), T);
    assertThat(code(CommandDecider.decide(c, BUCKET_STATE, ObjectState.of(PART_2, T, 1), upload(Map.of(1, PART_1)))))
        .isEqualTo("PreconditionFailed");
  }

  @Test
  void givenParts_WhenCompletedWrongly_ThenTheS3ErrorOfEachRule() {
    UploadState both = upload(Map.of(1, PART_1, 2, PART_2));
    assertThat(code(CommandDecider.decide(complete("big.bin", new ChosenPart(2, PART_2.md5Hex()),
        new ChosenPart(1, PART_1.md5Hex())), BUCKET_STATE, null, both))).isEqualTo("InvalidPartOrder");
    assertThat(code(CommandDecider.decide(complete("big.bin", new ChosenPart(1, "deadbeef")),
        BUCKET_STATE, null, both))).isEqualTo("InvalidPart");
    assertThat(code(CommandDecider.decide(complete("big.bin", new ChosenPart(3, PART_2.md5Hex())),
        BUCKET_STATE, null, both))).isEqualTo("InvalidPart");
    assertThat(code(CommandDecider.decide(complete("big.bin", new ChosenPart(2, PART_2.md5Hex()),
        new ChosenPart(3, PART_2.md5Hex())), BUCKET_STATE, null, upload(Map.of(2, PART_2, 3, PART_2)))))
        .isEqualTo("EntityTooSmall");
  }

  @Test
  void givenNoUploadOrAnotherKey_WhenUsed_ThenNoSuchUpload() {
    assertThat(code(CommandDecider.decide(complete("big.bin", new ChosenPart(1, "x")), BUCKET_STATE, null, null)))
        .isEqualTo("NoSuchUpload");
    assertThat(code(CommandDecider.decide(complete("other.bin", new ChosenPart(1, PART_1.md5Hex())), BUCKET_STATE, null,
        upload(Map.of(1, PART_1))))).isEqualTo("NoSuchUpload");
  }

  @Test
  void givenAPart_WhenUploadedAgain_ThenTheOldBlobIsReplacedAndAbortReleasesAll() {
    UploadState one = upload(Map.of(1, PART_1));
    Event again = CommandDecider.decide(new UploadPart("c", BUCKET, ObjectKey.of("big.bin"), UPLOAD, 1, PART_2, T),
        BUCKET_STATE, null, one);
    assertThat(again).isInstanceOfSatisfying(PartUploaded.class, p -> assertThat(p.replaced()).isEqualTo(PART_1));
    UploadState after = CommandDecider.evolveUpload(one, again);
    assertThat(after.parts()).containsEntry(1, PART_2);

    Event abort = CommandDecider.decide(new AbortMultipartUpload("c", BUCKET, ObjectKey.of("big.bin"), UPLOAD, T),
        BUCKET_STATE, null, after);
    assertThat(abort).isInstanceOfSatisfying(MultipartUploadAborted.class, a -> assertThat(a.parts()).containsExactly(PART_2));
    assertThat(CommandDecider.evolveUpload(after, abort)).isNull();
  }
}
