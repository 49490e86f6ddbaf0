package io.mocks3.projector.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.CreateBucket;
import io.mocks3.schemas.command.DeleteBucket;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.PutObject;
import io.mocks3.schemas.command.SetObjectTags;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.event.BucketCreated;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import io.mocks3.schemas.event.ObjectTagsSet;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.command.Command;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandDeciderTest {
  private static final BucketName BUCKET = BucketName.of("photos");
  private static final Instant T = Instant.parse("2026-11-22T12:00:00Z");

  private static BucketState existing(long seq, long objects) {
    return new BucketState("photos", true, T, seq, objects);
  }

  private static PutObject put(String key) {
    return put(key, "c-" + key);
  }

  private static PutObject put(String key, String commandId) {
    return new PutObject(commandId, BUCKET, ObjectKey.of(key), BlobRef.of(BlobId.random(), 3, "abc"), null,
        new ObjectMetadata("text/plain", Map.of(), Map.of(), Map.of()), null, T);
  }

  @Test
  void givenNoBucket_WhenCreated_ThenBucketCreatedWithTheNextSequence() {
    Event e = CommandDecider.decide(new CreateBucket("c1", BUCKET, T), BucketState.absent("photos"), null, null);
    assertThat(e).isEqualTo(new BucketCreated("c1", BUCKET, 1, T));
  }

  @Test
  void givenExistingBucket_WhenCreatedAgain_ThenBucketAlreadyOwnedByYouAndNothingChanges() {
    BucketState bucket = existing(4, 0);
    Event e = CommandDecider.decide(new CreateBucket("c1", BUCKET, T), bucket, null, null);
    assertThat(e).isInstanceOfSatisfying(CommandRejected.class, r -> {
      assertThat(r.errorCode()).isEqualTo("BucketAlreadyOwnedByYou");
      assertThat(r.sequence()).isEqualTo(4);
    });
    assertThat(evolved(bucket, e, null)).isEqualTo(bucket);
  }

  @Test
  void givenNoBucket_WhenObjectPut_ThenNoSuchBucket() {
    Event e = CommandDecider.decide(put("k"), BucketState.absent("photos"), null, null);
    assertThat(e).isInstanceOfSatisfying(CommandRejected.class, r -> assertThat(r.errorCode()).isEqualTo("NoSuchBucket"));
  }

  @Test
  void givenBucketWithObjects_WhenDeleted_ThenBucketNotEmpty() {
    Event e = CommandDecider.decide(new DeleteBucket("c1", BUCKET, T), existing(9, 2), null, null);
    assertThat(e).isInstanceOfSatisfying(CommandRejected.class, r -> assertThat(r.errorCode()).isEqualTo("BucketNotEmpty"));
  }

  @Test
  void givenAnObject_WhenOverwritten_ThenTheReplacedBlobIsNamedAndTheCountStays() {
    BlobRef old = BlobRef.of(BlobId.random(), 1, "old");
    ObjectState before = ObjectState.of(old, T, 5);
    Event e = CommandDecider.decide(put("k"), existing(5, 1), before, null);
    assertThat(e).isInstanceOfSatisfying(ObjectCreated.class, c -> {
      assertThat(c.replaced()).isEqualTo(old);
      assertThat(c.sequence()).isEqualTo(6);
    });
    assertThat(evolved(existing(5, 1), e, before).objectCount()).isEqualTo(1);
  }

  @Test
  void givenNoObject_WhenDeleted_ThenDeletedWithNothingRemovedAndTheCountStays() {
    Event e = CommandDecider.decide(new DeleteObject("c1", BUCKET, ObjectKey.of("k"), T), existing(5, 1), null, null);
    assertThat(e).isInstanceOfSatisfying(ObjectDeleted.class, d -> assertThat(d.removed()).isNull());
    assertThat(evolved(existing(5, 1), e, null).objectCount()).isEqualTo(1);
    assertThat(CommandDecider.evolveObject(null, e)).isNull();
  }

  private static PutObject conditionalPut(String key, WriteCondition condition) {
    PutObject p = put(key);
    return new PutObject(p.commandId(), BUCKET, p.key(), p.blob(), null, p.metadata(), condition, T);
  }

  private static String code(Event e) {
    return e instanceof CommandRejected r ? r.errorCode() : null;
  }

  @Test
  void givenAnObject_WhenPutIfNoneMatchStar_ThenPreconditionFailed_AndWithoutAnObjectItIsCreated() {
    ObjectState present = ObjectState.of(BlobRef.of(BlobId.random(), 1, "aaa"), T, 5);
    WriteCondition createOnly = new WriteCondition(null, true);
    assertThat(code(CommandDecider.decide(conditionalPut("k", createOnly), existing(5, 1), present, null)))
        .isEqualTo("PreconditionFailed");
    assertThat(CommandDecider.decide(conditionalPut("k", createOnly), existing(5, 1), null, null))
        .isInstanceOf(ObjectCreated.class);
  }

  @Test
  void givenIfMatch_ThenTheCurrentETagDecides_AndAMissingKeyIsNoSuchKey() {
    ObjectState present = ObjectState.of(BlobRef.of(BlobId.random(), 1, "aaa"), T, 5);
    assertThat(CommandDecider.decide(conditionalPut("k", new WriteCondition("\"aaa\"", false)), existing(5, 1), present, null))
        .isInstanceOf(ObjectCreated.class);
    assertThat(code(CommandDecider.decide(conditionalPut("k", new WriteCondition("\"bbb\"", false)), existing(5, 1), present, null)))
        .isEqualTo("PreconditionFailed");
    assertThat(code(CommandDecider.decide(conditionalPut("k", new WriteCondition("aaa", false)), existing(5, 1), null, null)))
        .isEqualTo("NoSuchKey");
  }

  @Test
  void givenAConditionalDelete_ThenOnlyTheObjectItWasDecidedForGoes_AndARepeatIsNoSuchKey() {
    ObjectState present = ObjectState.of(BlobRef.of(BlobId.random(), 1, "aaa"), T, 5);
    DeleteObject expire = new DeleteObject("x", BUCKET, ObjectKey.of("k"), null, T, new WriteCondition("aaa", false));
    Event deleted = CommandDecider.decide(expire, existing(5, 1), present, null);
    assertThat(deleted).isInstanceOf(ObjectDeleted.class);
    assertThat(code(CommandDecider.decide(expire, existing(6, 0), CommandDecider.evolveObject(present, deleted), null)))
        .isEqualTo("NoSuchKey");
    ObjectState overwritten = ObjectState.of(BlobRef.of(BlobId.random(), 1, "bbb"), T, 7);
    assertThat(code(CommandDecider.decide(expire, existing(7, 1), overwritten, null))).isEqualTo("PreconditionFailed");
  }

  @Test
  void givenTwoRacingCreateOnlyWrites_ThenExactlyOneWins() {
    BucketState bucket = existing(5, 0);
    ObjectState object = null;
    int wins = 0;
    for (String writer : new String[] {"a", "b"}) {
      Event e = CommandDecider.decide(conditionalPut("k", new WriteCondition(null, true)), bucket, object, null);
      bucket = evolved(bucket, e, object);
      object = CommandDecider.evolveObject(object, e);
      wins += e instanceof ObjectCreated ? 1 : 0;
    }
    assertThat(wins).isEqualTo(1);
  }

  @Test
  void givenNoObject_WhenTagged_ThenNoSuchKey_AndTaggingKeepsTheContent() {
    SetObjectTags tag = new SetObjectTags("t", BUCKET, ObjectKey.of("k"), Map.of("a", "1"), T);
    assertThat(code(CommandDecider.decide(tag, existing(5, 0), null, null))).isEqualTo("NoSuchKey");
    ObjectState present = ObjectState.of(BlobRef.of(BlobId.random(), 1, "aaa"), T, 5);
    Event e = CommandDecider.decide(tag, existing(5, 1), present, null);
    assertThat(e).isEqualTo(new ObjectTagsSet("t", BUCKET, 6, T, ObjectKey.of("k"), Map.of("a", "1")));
    assertThat(CommandDecider.evolveObject(present, e)).isEqualTo(present);
    assertThat(evolved(existing(5, 1), e, present).objectCount()).isEqualTo(1);
  }

  @Test
  void givenADeletedBucket_WhenCreatedAgain_ThenSequencesKeepRising() {
    BucketState deleted = evolved(existing(7, 0),
        CommandDecider.decide(new DeleteBucket("c1", BUCKET, T), existing(7, 0), null, null), null);
    assertThat(deleted.exists()).isFalse();
    Event again = CommandDecider.decide(new CreateBucket("c2", BUCKET, T), deleted, null, null);
    assertThat(again.sequence()).isEqualTo(9);
  }

  @Test
  void givenAVersionedBucket_WhenOverwrittenAndDeleted_ThenEveryVersionStaysUntilDeletedById() {
    BucketState bucket = new BucketState("photos", true, T, 5, 0, Versioning.ENABLED, null);
    ObjectState object = null;
    List<Event> events = new ArrayList<>();
    for (Command c : List.of(put("k", "first"), put("k", "second"), new DeleteObject("del", BUCKET, ObjectKey.of("k"), T))) {
      Event e = CommandDecider.decide(c, bucket, object, null);
      ObjectState after = CommandDecider.evolveObject(object, e);
      bucket = CommandDecider.evolve(bucket, e, object, after);
      object = after;
      events.add(e);
    }
    // Two versions and a marker; nothing was replaced, the command ids are the version ids.
    assertThat(events.get(0)).isInstanceOfSatisfying(ObjectCreated.class, c -> {
      assertThat(c.versionId()).isEqualTo("first");
      assertThat(c.replaced()).isNull();
    });
    assertThat(events.get(2)).isInstanceOfSatisfying(ObjectDeleted.class, d -> {
      assertThat(d.created()).isTrue();
      assertThat(d.deleteMarker()).isTrue();
      assertThat(d.versionId()).isEqualTo("del");
      assertThat(d.removed()).isNull();
    });
    assertThat(object.blob()).as("a marker is the latest version").isNull();
    assertThat(bucket.objectCount()).isEqualTo(3);
    assertThat(code(CommandDecider.decide(new DeleteBucket("db", BUCKET, T), bucket, null, null))).isEqualTo("BucketNotEmpty");

    // Deleting the marker by id brings the newest version back; deleting a version by id names its blob.
    Event unmark = CommandDecider.decide(new DeleteObject("u", BUCKET, ObjectKey.of("k"), "del", T), bucket, object, null);
    assertThat(unmark).isInstanceOfSatisfying(ObjectDeleted.class, d -> {
      assertThat(d.created()).isFalse();
      assertThat(d.deleteMarker()).isTrue();
    });
    ObjectState unmarked = CommandDecider.evolveObject(object, unmark);
    assertThat(unmarked.blob()).isEqualTo(object.versions().get(1).blob());
    assertThat(CommandDecider.evolve(bucket, unmark, object, unmarked).objectCount()).isEqualTo(2);

    Event gone = CommandDecider.decide(new DeleteObject("g", BUCKET, ObjectKey.of("k"), "second", T), bucket, unmarked, null);
    assertThat(gone).isInstanceOfSatisfying(ObjectDeleted.class, d -> assertThat(d.removed()).isEqualTo(unmarked.blob()));
  }

  @Test
  void givenASuspendedBucket_WhenWrittenTwice_ThenTheNullVersionIsReplacedAndEarlierVersionsStay() {
    ObjectState.Version enabled = new ObjectState.Version("v1", BlobRef.of(BlobId.random(), 1, "a"), T, 4);
    ObjectState.Version nullVersion = new ObjectState.Version(Versioning.NULL_VERSION, BlobRef.of(BlobId.random(), 1, "b"), T, 5);
    ObjectState before = new ObjectState(List.of(nullVersion, enabled));
    BucketState bucket = new BucketState("photos", true, T, 5, 2, Versioning.SUSPENDED, null);

    Event e = CommandDecider.decide(put("k"), bucket, before, null);
    assertThat(e).isInstanceOfSatisfying(ObjectCreated.class, c -> {
      assertThat(c.versionId()).isEqualTo(Versioning.NULL_VERSION);
      assertThat(c.replaced()).isEqualTo(nullVersion.blob());
    });
    ObjectState after = CommandDecider.evolveObject(before, e);
    assertThat(after.versions()).extracting(ObjectState.Version::versionId).containsExactly("null", "v1");
    assertThat(CommandDecider.evolve(bucket, e, before, after).objectCount()).isEqualTo(2);
  }

  @Test
  void theStateStoreReadsBothItsFormats() {
    JsonSerde<ObjectState> serde = JsonSerde.of(ObjectState.class);
    BlobRef blob = BlobRef.of(BlobId.random(), 3, "abc");
    ObjectState versioned = new ObjectState(List.of(new ObjectState.Version("v2", null, T, 8),
        new ObjectState.Version("v1", blob, T, 7)));
    assertThat(serde.deserialize("t", serde.serialize("t", versioned))).isEqualTo(versioned);

    byte[] beforeVersioning = ("{\"blob\":" + new String(JsonSerde.of(BlobRef.class).serialize("t", blob))
        + ",\"at\":\"2026-11-22T12:00:00Z\",\"sequence\":5}").getBytes();
    assertThat(serde.deserialize("t", beforeVersioning)).isEqualTo(ObjectState.of(blob, T, 5));
  }

  /** The bucket after {@code e} was applied to a key whose state was {@code before}. */
  private static BucketState evolved(BucketState bucket, Event e, ObjectState before) {
    return CommandDecider.evolve(bucket, e, before, CommandDecider.evolveObject(before, e));
  }
}
