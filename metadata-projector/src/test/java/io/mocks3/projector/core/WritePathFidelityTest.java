package io.mocks3.projector.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import io.mocks3.schemas.command.CompleteMultipartUpload;
import io.mocks3.schemas.command.CompleteMultipartUpload.ChosenPart;
import io.mocks3.schemas.command.CreateMultipartUpload;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.PutObject;
import io.mocks3.schemas.command.UploadChecksum;
import io.mocks3.schemas.command.UploadPart;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.MultipartCompletionRepeated;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.PartUploadSuperseded;
import io.mocks3.schemas.event.PartUploaded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retries after a lost answer, part ordering by start, conditional writes and multipart checksums, decided on the log. */
class WritePathFidelityTest {
  private static final BucketName BUCKET = BucketName.of("photos");
  private static final ObjectKey KEY = ObjectKey.of("big.bin");
  private static final Instant T = Instant.parse("2026-11-22T12:00:00Z");
  private static final String UPLOAD = "0b6e6a8e-6f4f-4d1c-9d0e-111111111111";
  private static final long MIB = 1024 * 1024;
  private static final BlobRef PART_1 = BlobRef.of(BlobId.random(), 5 * MIB, "0cc175b9c0f1b6a831c399e269772661");
  private static final BlobRef PART_2 = BlobRef.of(BlobId.random(), 1, "92eb5ffee6ae2fec3ad71c777531578f");

  /** A small model of the topology: decide, then evolve bucket, key and upload, as CommandProcessor does. */
  private static final class Log {
    BucketState bucket = new BucketState("photos", true, T, 10, 0);
    ObjectState object;
    UploadState upload;

    Event append(io.mocks3.schemas.command.Command command) {
      Event event = CommandDecider.decide(command, bucket, object, upload);
      ObjectState after = CommandDecider.evolveObject(object, event);
      bucket = CommandDecider.evolve(bucket, event, object, after);
      object = after;
      if (CommandDecider.namedUpload(command) != null) {
        upload = CommandDecider.evolveUpload(upload, event);
      }
      return event;
    }
  }

  private static Log withUpload(UploadChecksum checksum) {
    Log log = new Log();
    log.append(new CreateMultipartUpload("create", BUCKET, KEY, UPLOAD, new ObjectMetadata(null, null, null, null), T, checksum));
    return log;
  }

  private static UploadPart part(String id, int number, BlobRef blob, Instant startedAt) {
    return new UploadPart(id, BUCKET, KEY, UPLOAD, number, blob, T, startedAt);
  }

  private static CompleteMultipartUpload complete(String id, ChosenPart... parts) {
    return new CompleteMultipartUpload(id, BUCKET, KEY, UPLOAD, List.of(parts), null, T);
  }

  private static String code(Event e) {
    return e instanceof CommandRejected r ? r.errorCode() : null;
  }

  @Test
  void givenACompletedUpload_WhenTheSameCompletionIsRepeated_ThenTheSameObjectAndVersionAndNothingChanges() {
    Log log = withUpload(null);
    log.bucket = new BucketState("photos", true, T, 10, 0, Versioning.ENABLED, null);
    log.append(part("p1", 1, PART_1, T));
    log.append(part("p2", 2, PART_2, T));
    ObjectCreated first = (ObjectCreated) log.append(complete("c1", new ChosenPart(1, PART_1.md5Hex()),
        new ChosenPart(2, "\"" + PART_2.md5Hex() + "\"")));
    long sequence = log.bucket.lastSequence();

    Event again = log.append(complete("c2", new ChosenPart(1, PART_1.md5Hex()), new ChosenPart(2, PART_2.md5Hex())));

    assertThat(again).isInstanceOfSatisfying(MultipartCompletionRepeated.class, r -> {
      assertThat(r.blob()).isEqualTo(first.blob());
      assertThat(r.versionId()).isEqualTo("c1").isEqualTo(first.versionId());
      assertThat(r.sequence()).isEqualTo(sequence);
    });
    assertThat(log.bucket.lastSequence()).isEqualTo(sequence);
    assertThat(log.object.versions()).hasSize(1);
  }

  @Test
  void givenACompletedUpload_WhenCompletedWithOtherParts_OrUsedAgain_ThenNoSuchUpload() {
    Log log = withUpload(null);
    log.append(part("p1", 1, PART_1, T));
    log.append(part("p2", 2, PART_2, T));
    log.append(complete("c1", new ChosenPart(1, PART_1.md5Hex()), new ChosenPart(2, PART_2.md5Hex())));

    assertThat(code(log.append(complete("c2", new ChosenPart(1, PART_1.md5Hex()))))).isEqualTo("NoSuchUpload");
    assertThat(code(log.append(complete("c3", new ChosenPart(1, PART_1.md5Hex()), new ChosenPart(2, "deadbeef")))))
        .isEqualTo("NoSuchUpload");
    assertThat(code(log.append(part("p3", 3, PART_2, T)))).isEqualTo("NoSuchUpload");
  }

  @Test
  void givenAPartUploadedTwice_WhenTheFirstStartedFinishesLast_ThenTheLastStartedKeepsThePart() {
    Log log = withUpload(null);
    log.append(part("late-start", 1, PART_2, T.plusMillis(5)));

    Event stale = log.append(part("early-start", 1, PART_1, T));

    assertThat(stale).isInstanceOfSatisfying(PartUploadSuperseded.class, s -> assertThat(s.blob()).isEqualTo(PART_1));
    assertThat(log.upload.parts()).containsEntry(1, PART_2);
    // started later than what holds the part: replaces it
    assertThat(log.append(part("later", 1, PART_1, T.plusMillis(6)))).isInstanceOf(PartUploaded.class);
    assertThat(log.upload.parts()).containsEntry(1, PART_1);
    // no start time (an old record): the log's order decides, as before
    assertThat(log.append(part("old", 1, PART_2, null))).isInstanceOf(PartUploaded.class);
  }

  @Test
  void givenTwoCreatesIfNoneMatch_WhenBothAreOnTheLog_ThenExactlyOneWins() {
    Log log = new Log();
    WriteCondition create = new WriteCondition(null, true);
    Event a = log.append(new PutObject("a", BUCKET, KEY, PART_1, null, null, create, T));
    Event b = log.append(new PutObject("b", BUCKET, KEY, PART_2, null, null, create, T));
    assertThat(a).isInstanceOf(ObjectCreated.class);
    assertThat(code(b)).isEqualTo("PreconditionFailed");

    WriteCondition swap = new WriteCondition("\"" + PART_1.md5Hex() + "\"", false);
    Event c = log.append(new PutObject("c", BUCKET, KEY, PART_2, null, null, swap, T));
    Event d = log.append(new PutObject("d", BUCKET, KEY, PART_2, null, null, swap, T));
    assertThat(c).isInstanceOf(ObjectCreated.class);
    assertThat(code(d)).isEqualTo("PreconditionFailed");
  }

  @Test
  void givenADeleteMarkerAsCurrentVersion_ThenIfMatchIsNoSuchKey_AndIfNoneMatchWrites() {
    Log log = new Log();
    log.bucket = new BucketState("photos", true, T, 10, 0, Versioning.ENABLED, null);
    log.append(new PutObject("a", BUCKET, KEY, PART_1, null, null, null, T));
    log.append(new DeleteObject("del", BUCKET, KEY, T));

    Event ifMatch = log.append(new PutObject("b", BUCKET, KEY, PART_2, null, null, new WriteCondition(PART_1.md5Hex(), false), T));
    Event ifNoneMatch = log.append(new PutObject("c", BUCKET, KEY, PART_2, null, null, new WriteCondition(null, true), T));

    assertThat(code(ifMatch)).isEqualTo("NoSuchKey");
    assertThat(ifNoneMatch).isInstanceOf(ObjectCreated.class);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String checksum(ChecksumAlgorithm algorithm, byte[] data) {
    ChecksumAlgorithm.Digest digest = algorithm.newDigest();
    digest.update(data, 0, data.length);
    return Base64.getEncoder().encodeToString(digest.digest());
  }

  private static BlobRef blob(ChecksumAlgorithm algorithm, byte[] data) {
    return new BlobRef(BlobId.random(), data.length, "00", Map.of(algorithm, checksum(algorithm, data)));
  }

  @Test
  void givenEveryCrc_WhenCombined_ThenTheCrcOfTheWholeObject() {
    byte[] whole = bytes("The quick brown fox jumps over the lazy dog, 0123456789");
    for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC64NVME)) {
      List<BlobRef> parts = List.of(blob(algorithm, java.util.Arrays.copyOfRange(whole, 0, 10)),
          blob(algorithm, java.util.Arrays.copyOfRange(whole, 10, 11)), blob(algorithm, java.util.Arrays.copyOfRange(whole, 11,
              whole.length)));
      Map<ChecksumAlgorithm, String> made = MultipartRules.checksums(parts, new UploadChecksum(algorithm, true));
      assertThat(made).as(algorithm.name()).containsExactly(Map.entry(algorithm, checksum(algorithm, whole)));
    }
  }

  @Test
  void givenADeclaredAlgorithm_ThenOnlyItOfItsType_AndSha256CompositeOnly() {
    BlobRef a = new BlobRef(BlobId.random(), 1, "00", Map.of(ChecksumAlgorithm.SHA256, checksum(ChecksumAlgorithm.SHA256,
        bytes("a")), ChecksumAlgorithm.CRC32, checksum(ChecksumAlgorithm.CRC32, bytes("a"))));
    Map<ChecksumAlgorithm, String> made =
        MultipartRules.checksums(List.of(a, a), UploadChecksum.withDefaultType(ChecksumAlgorithm.SHA256));
    assertThat(made).containsOnlyKeys(ChecksumAlgorithm.SHA256);
    assertThat(made.get(ChecksumAlgorithm.SHA256)).endsWith("-2");
    assertThat(MultipartRules.checksums(List.of(a), new UploadChecksum(ChecksumAlgorithm.SHA256, true))).isEmpty();
  }

  @Test
  void givenAStatedChecksum_WhenItDiffers_ThenBadDigestAndNothingCompletes() {
    byte[] one = new byte[(int) (5 * MIB)];
    BlobRef p1 = new BlobRef(BlobId.random(), one.length, PART_1.md5Hex(),
        Map.of(ChecksumAlgorithm.CRC32, checksum(ChecksumAlgorithm.CRC32, one)));
    BlobRef p2 = new BlobRef(BlobId.random(), 1, PART_2.md5Hex(),
        Map.of(ChecksumAlgorithm.CRC32, checksum(ChecksumAlgorithm.CRC32, bytes("b"))));
    byte[] whole = new byte[one.length + 1];
    whole[one.length] = 'b';
    Log log = withUpload(new UploadChecksum(ChecksumAlgorithm.CRC32, true));
    log.append(part("p1", 1, p1, T));
    log.append(part("p2", 2, p2, T));
    List<ChosenPart> chosen = List.of(new ChosenPart(1, p1.md5Hex()), new ChosenPart(2, p2.md5Hex()));

    Event wrong = log.append(new CompleteMultipartUpload("c1", BUCKET, KEY, UPLOAD, chosen, null, T,
        Map.of(ChecksumAlgorithm.CRC32, "AAAAAA==")));
    Event right = log.append(new CompleteMultipartUpload("c2", BUCKET, KEY, UPLOAD, chosen, null, T,
        Map.of(ChecksumAlgorithm.CRC32, checksum(ChecksumAlgorithm.CRC32, whole))));

    assertThat(code(wrong)).isEqualTo("BadDigest");
    assertThat(right).isInstanceOfSatisfying(ObjectCreated.class, c ->
        assertThat(c.blob().checksums()).containsExactly(Map.entry(ChecksumAlgorithm.CRC32, checksum(ChecksumAlgorithm.CRC32,
            whole))));
  }

  @Test
  void givenAPartChecksumStatedOnCompletion_WhenItIsNotTheStoredOne_ThenInvalidPart() {
    BlobRef stored = new BlobRef(BlobId.random(), 1, PART_2.md5Hex(),
        Map.of(ChecksumAlgorithm.SHA256, checksum(ChecksumAlgorithm.SHA256, bytes("b"))));
    Log log = withUpload(UploadChecksum.withDefaultType(ChecksumAlgorithm.SHA256));
    log.append(part("p1", 1, stored, T));

    Event wrong = log.append(complete("c1", new ChosenPart(1, stored.md5Hex(),
        Map.of(ChecksumAlgorithm.SHA256, checksum(ChecksumAlgorithm.SHA256, bytes("a"))))));
    Event right = log.append(complete("c2", new ChosenPart(1, stored.md5Hex(),
        Map.of(ChecksumAlgorithm.SHA256, checksum(ChecksumAlgorithm.SHA256, bytes("b"))))));

    assertThat(code(wrong)).isEqualTo("InvalidPart");
    assertThat(right).isInstanceOf(ObjectCreated.class);
  }
}
