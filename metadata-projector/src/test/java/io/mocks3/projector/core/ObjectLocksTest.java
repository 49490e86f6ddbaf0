package io.mocks3.projector.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.CreateBucket;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.PutObject;
import io.mocks3.schemas.command.SetBucketConfig;
import io.mocks3.schemas.command.SetObjectLock;
import io.mocks3.schemas.event.BucketCreated;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import io.mocks3.schemas.event.ObjectLockSet;
import io.mocks3.schemas.lock.ObjectLock;
import io.mocks3.schemas.lock.ObjectLockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Object Lock as the decider applies it: default retention, refused deletes, and which lock changes are allowed. */
class ObjectLocksTest {
  private static final BucketName BUCKET = BucketName.of("vault");
  private static final ObjectKey KEY = ObjectKey.of("ledger.csv");
  private static final Instant T = Instant.parse("2026-12-06T12:00:00Z");
  private static final Instant LATER = T.plus(Duration.ofDays(30));

  /** A bucket created with Object Lock, as its BucketCreated leaves it. */
  private static BucketState lockedBucket() {
    Event created = CommandDecider.decide(new CreateBucket("c-0", BUCKET, T, null, true), BucketState.absent("vault"), null, null);
    assertThat(created).isInstanceOfSatisfying(BucketCreated.class, e -> assertThat(e.withObjectLock()).isTrue());
    return CommandDecider.evolve(BucketState.absent("vault"), created, null, null);
  }

  private static PutObject put(String commandId, ObjectLock lock) {
    ObjectMetadata metadata = new ObjectMetadata("text/csv", Map.of(), Map.of(), Map.of()).withLock(lock);
    return new PutObject(commandId, BUCKET, KEY, BlobRef.of(BlobId.random(), 3, "abc"), null, metadata, null, T);
  }

  /** The bucket and key after a PUT of {@code lock}. */
  private record Written(BucketState bucket, ObjectState object, String versionId) {}

  private static Written written(BucketState bucket, ObjectLock lock) {
    Event e = CommandDecider.decide(put("c-put", lock), bucket, null, null);
    assertThat(e).isInstanceOf(ObjectCreated.class);
    ObjectState object = CommandDecider.evolveObject(null, e);
    return new Written(CommandDecider.evolve(bucket, e, null, object), object, ((ObjectCreated) e).versionId());
  }

  private static Event delete(Written w, Instant at, boolean bypass) {
    return CommandDecider.decide(new DeleteObject("c-del", BUCKET, KEY, w.versionId(), at, null, bypass ? true : null),
        w.bucket(), w.object(), null);
  }

  private static Event setRetention(Written w, String mode, Instant until, boolean bypass) {
    return CommandDecider.decide(new SetObjectLock("c-ret", BUCKET, KEY, null, new SetObjectLock.Retention(mode, until), null,
        bypass ? true : null, T.plusSeconds(1)), w.bucket(), w.object(), null);
  }

  private static void assertRejected(Event e, String code) {
    assertThat(e).isInstanceOfSatisfying(CommandRejected.class, r -> assertThat(r.errorCode()).isEqualTo(code));
  }

  @Test
  void aBucketCreatedWithObjectLockIsVersioned() {
    BucketState bucket = lockedBucket();
    assertThat(bucket.versioning()).isEqualTo(Versioning.ENABLED);
    assertThat(bucket.objectLock()).isEqualTo(new ObjectLockConfiguration(null));
    assertRejected(CommandDecider.decide(new SetBucketConfig("c-v", BUCKET, Versioning.KIND, Versioning.SUSPENDED, T), bucket,
        null, null), "InvalidBucketState");
  }

  @Test
  void objectLockNeedsVersioningEnabledFirst() {
    BucketState plain = new BucketState("vault", true, T, 3, 0);
    String config = "{\"defaultRetention\":{\"mode\":\"GOVERNANCE\",\"days\":1}}";
    assertRejected(CommandDecider.decide(new SetBucketConfig("c-l", BUCKET, ObjectLockConfiguration.KIND, config, T), plain,
        null, null), "InvalidBucketState");

    BucketState versioned = new BucketState("vault", true, T, 3, 0, Versioning.ENABLED, null);
    Event set = CommandDecider.decide(new SetBucketConfig("c-l", BUCKET, ObjectLockConfiguration.KIND, config, T), versioned,
        null, null);
    assertThat(CommandDecider.evolve(versioned, set, null, null).objectLock().defaultRetention().days()).isEqualTo(1);
  }

  @Test
  void aLockInABucketWithoutObjectLockIsInvalidRequest() {
    BucketState plain = new BucketState("vault", true, T, 3, 0, Versioning.ENABLED, null);
    assertRejected(CommandDecider.decide(put("c-1", new ObjectLock(null, null, ObjectLock.ON)), plain, null, null),
        "InvalidRequest");
  }

  @Test
  void aNewVersionGetsTheDefaultRetentionFromTheCommandsTime() {
    BucketState bucket = CommandDecider.evolve(lockedBucket(), new io.mocks3.schemas.event.BucketConfigSet("c-l", BUCKET, 2, T,
        ObjectLockConfiguration.KIND, "{\"defaultRetention\":{\"mode\":\"COMPLIANCE\",\"years\":1}}"), null, null);

    ObjectState object = written(bucket, null).object();
    assertThat(object.versions().get(0).lock())
        .isEqualTo(new ObjectLock(ObjectLock.COMPLIANCE, Instant.parse("2027-12-06T12:00:00Z"), null));

    ObjectLock own = new ObjectLock(ObjectLock.GOVERNANCE, LATER, null);
    assertThat(written(bucket, own).object().versions().get(0).lock()).isEqualTo(own);
  }

  @Test
  void aGovernanceRetentionStopsADeleteOfTheVersionUnlessBypassedAndOnlyUntilItEnds() {
    Written w = written(lockedBucket(), new ObjectLock(ObjectLock.GOVERNANCE, LATER, null));
    assertRejected(delete(w, T.plusSeconds(1), false), "AccessDenied");
    assertThat(delete(w, T.plusSeconds(1), true)).isInstanceOf(ObjectDeleted.class);
    assertThat(delete(w, LATER.plusSeconds(1), false)).isInstanceOf(ObjectDeleted.class);
  }

  @Test
  void aComplianceRetentionOrALegalHoldCannotBeBypassed() {
    assertRejected(delete(written(lockedBucket(), new ObjectLock(ObjectLock.COMPLIANCE, LATER, null)), T, true), "AccessDenied");
    assertRejected(delete(written(lockedBucket(), new ObjectLock(null, null, ObjectLock.ON)), T, true), "AccessDenied");
    assertThat(delete(written(lockedBucket(), new ObjectLock(null, null, ObjectLock.OFF)), T, false))
        .isInstanceOf(ObjectDeleted.class);
  }

  @Test
  void aDeleteWithoutAVersionMakesAMarkerEvenWhenTheVersionIsLocked() {
    Written w = written(lockedBucket(), new ObjectLock(ObjectLock.COMPLIANCE, LATER, ObjectLock.ON));
    Event e = CommandDecider.decide(new DeleteObject("c-del", BUCKET, KEY, T), w.bucket(), w.object(), null);
    assertThat(e).isInstanceOfSatisfying(ObjectDeleted.class, d -> assertThat(d.deleteMarker()).isTrue());
  }

  @Test
  void aRetentionMayBeLengthenedButNotShortenedOrChangedWithoutBypassingGovernance() {
    Written w = written(lockedBucket(), new ObjectLock(ObjectLock.GOVERNANCE, LATER, null));
    assertThat(setRetention(w, ObjectLock.GOVERNANCE, LATER.plusSeconds(60), false)).isInstanceOfSatisfying(ObjectLockSet.class,
        e -> assertThat(e.lock()).isEqualTo(new ObjectLock(ObjectLock.GOVERNANCE, LATER.plusSeconds(60), null)));
    assertRejected(setRetention(w, ObjectLock.GOVERNANCE, LATER.minusSeconds(60), false), "AccessDenied");
    assertRejected(setRetention(w, ObjectLock.COMPLIANCE, LATER, false), "AccessDenied");
    assertRejected(setRetention(w, null, null, false), "AccessDenied");
    assertThat(setRetention(w, ObjectLock.GOVERNANCE, LATER.minusSeconds(60), true)).isInstanceOf(ObjectLockSet.class);
    assertThat(setRetention(w, null, null, true)).isInstanceOfSatisfying(ObjectLockSet.class, e -> assertThat(e.lock()).isNull());

    Written compliance = written(lockedBucket(), new ObjectLock(ObjectLock.COMPLIANCE, LATER, null));
    assertRejected(setRetention(compliance, ObjectLock.GOVERNANCE, LATER, true), "AccessDenied");
    assertRejected(setRetention(compliance, ObjectLock.COMPLIANCE, LATER.minusSeconds(1), true), "AccessDenied");
    assertThat(setRetention(compliance, ObjectLock.COMPLIANCE, LATER.plusSeconds(1), false)).isInstanceOf(ObjectLockSet.class);
  }

  @Test
  void aLegalHoldIsSetAndReleasedBesideTheRetention() {
    Written w = written(lockedBucket(), new ObjectLock(ObjectLock.GOVERNANCE, LATER, null));
    Event on = CommandDecider.decide(new SetObjectLock("c-h", BUCKET, KEY, w.versionId(), null, ObjectLock.ON, null, T),
        w.bucket(), w.object(), null);
    assertThat(on).isInstanceOfSatisfying(ObjectLockSet.class, e -> {
      assertThat(e.versionId()).isEqualTo(w.versionId());
      assertThat(e.lock()).isEqualTo(new ObjectLock(ObjectLock.GOVERNANCE, LATER, ObjectLock.ON));
    });
    ObjectState held = CommandDecider.evolveObject(w.object(), on);
    assertRejected(delete(new Written(w.bucket(), held, w.versionId()), LATER.plusSeconds(1), true), "AccessDenied");
  }

  @Test
  void changingTheLockOfAVersionOutsideAnObjectLockBucketIsInvalidRequest() {
    BucketState plain = new BucketState("vault", true, T, 3, 1, Versioning.ENABLED, null);
    Written w = written(plain, null);
    assertRejected(setRetention(w, ObjectLock.GOVERNANCE, LATER, false), "InvalidRequest");
  }
}
