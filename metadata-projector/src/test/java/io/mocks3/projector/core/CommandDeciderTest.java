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
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandDeciderTest {
  private static final BucketName BUCKET = BucketName.of("photos");
  private static final Instant T = Instant.parse("2026-11-22T12:00:00Z");

  private static BucketState existing(long seq, long objects) {
    return new BucketState("photos", true, T, seq, objects);
  }

  private static PutObject put(String key) {
    return new PutObject("c-" + key, BUCKET, ObjectKey.of(key), BlobRef.of(BlobId.random(), 3, "abc"), null,
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
    assertThat(CommandDecider.evolve(bucket, e)).isEqualTo(bucket);
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
    Event e = CommandDecider.decide(put("k"), existing(5, 1), new ObjectState(old, T, 5), null);
    assertThat(e).isInstanceOfSatisfying(ObjectCreated.class, c -> {
      assertThat(c.replaced()).isEqualTo(old);
      assertThat(c.sequence()).isEqualTo(6);
    });
    assertThat(CommandDecider.evolve(existing(5, 1), e).objectCount()).isEqualTo(1);
  }

  @Test
  void givenNoObject_WhenDeleted_ThenDeletedWithNothingRemovedAndTheCountStays() {
    Event e = CommandDecider.decide(new DeleteObject("c1", BUCKET, ObjectKey.of("k"), T), existing(5, 1), null, null);
    assertThat(e).isInstanceOfSatisfying(ObjectDeleted.class, d -> assertThat(d.removed()).isNull());
    assertThat(CommandDecider.evolve(existing(5, 1), e).objectCount()).isEqualTo(1);
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
    ObjectState present = new ObjectState(BlobRef.of(BlobId.random(), 1, "aaa"), T, 5);
    WriteCondition createOnly = new WriteCondition(null, true);
    assertThat(code(CommandDecider.decide(conditionalPut("k", createOnly), existing(5, 1), present, null)))
        .isEqualTo("PreconditionFailed");
    assertThat(CommandDecider.decide(conditionalPut("k", createOnly), existing(5, 1), null, null))
        .isInstanceOf(ObjectCreated.class);
  }

  @Test
  void givenIfMatch_ThenTheCurrentETagDecides_AndAMissingKeyIsNoSuchKey() {
    ObjectState present = new ObjectState(BlobRef.of(BlobId.random(), 1, "aaa"), T, 5);
    assertThat(CommandDecider.decide(conditionalPut("k", new WriteCondition("\"aaa\"", false)), existing(5, 1), present, null))
        .isInstanceOf(ObjectCreated.class);
    assertThat(code(CommandDecider.decide(conditionalPut("k", new WriteCondition("\"bbb\"", false)), existing(5, 1), present, null)))
        .isEqualTo("PreconditionFailed");
    assertThat(code(CommandDecider.decide(conditionalPut("k", new WriteCondition("aaa", false)), existing(5, 1), null, null)))
        .isEqualTo("NoSuchKey");
  }

  @Test
  void givenTwoRacingCreateOnlyWrites_ThenExactlyOneWins() {
    BucketState bucket = existing(5, 0);
    ObjectState object = null;
    int wins = 0;
    for (String writer : new String[] {"a", "b"}) {
      Event e = CommandDecider.decide(conditionalPut("k", new WriteCondition(null, true)), bucket, object, null);
      bucket = CommandDecider.evolve(bucket, e);
      object = CommandDecider.evolveObject(object, e);
      wins += e instanceof ObjectCreated ? 1 : 0;
    }
    assertThat(wins).isEqualTo(1);
  }

  @Test
  void givenNoObject_WhenTagged_ThenNoSuchKey_AndTaggingKeepsTheContent() {
    SetObjectTags tag = new SetObjectTags("t", BUCKET, ObjectKey.of("k"), Map.of("a", "1"), T);
    assertThat(code(CommandDecider.decide(tag, existing(5, 0), null, null))).isEqualTo("NoSuchKey");
    ObjectState present = new ObjectState(BlobRef.of(BlobId.random(), 1, "aaa"), T, 5);
    Event e = CommandDecider.decide(tag, existing(5, 1), present, null);
    assertThat(e).isEqualTo(new ObjectTagsSet("t", BUCKET, 6, T, ObjectKey.of("k"), Map.of("a", "1")));
    assertThat(CommandDecider.evolveObject(present, e)).isEqualTo(present);
    assertThat(CommandDecider.evolve(existing(5, 1), e).objectCount()).isEqualTo(1);
  }

  @Test
  void givenADeletedBucket_WhenCreatedAgain_ThenSequencesKeepRising() {
    BucketState deleted = CommandDecider.evolve(existing(7, 0),
        CommandDecider.decide(new DeleteBucket("c1", BUCKET, T), existing(7, 0), null, null));
    assertThat(deleted.exists()).isFalse();
    Event again = CommandDecider.decide(new CreateBucket("c2", BUCKET, T), deleted, null, null);
    assertThat(again.sequence()).isEqualTo(9);
  }
}
