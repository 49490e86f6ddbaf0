package io.mocks3.projector.core;

import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.CreateBucket;
import io.mocks3.schemas.command.DeleteBucket;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.PutObject;
import io.mocks3.schemas.event.BucketCreated;
import io.mocks3.schemas.event.BucketDeleted;
import io.mocks3.schemas.event.CommandRejected;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;

/**
 * Where every write is validated: {@code decide(command, state) -> event}, and
 * {@code evolve(state, event) -> state}. Pure functions; the topology stores the state.
 * The event's time is the command's, so replaying the log reproduces identical events.
 */
public final class CommandDecider {
  private CommandDecider() {}

  /**
   * @param bucket the bucket's state ({@link BucketState#absent} if never seen)
   * @param object the key's current state; null when absent or the command names no key
   */
  public static Event decide(Command command, BucketState bucket, ObjectState object) {
    long next = bucket.lastSequence() + 1;
    if (command instanceof CreateBucket c) {
      return bucket.exists()
          ? reject(c, bucket, "BucketAlreadyOwnedByYou",
              "Your previous request to create the named bucket succeeded and you already own it.")
          : new BucketCreated(c.commandId(), c.bucket(), next, c.issuedAt());
    }
    if (!bucket.exists()) {
      return reject(command, bucket, "NoSuchBucket", "The specified bucket does not exist");
    }
    if (command instanceof DeleteBucket c) {
      return bucket.objectCount() > 0
          ? reject(c, bucket, "BucketNotEmpty", "The bucket you tried to delete is not empty")
          : new BucketDeleted(c.commandId(), c.bucket(), next, c.issuedAt());
    }
    BlobOrNull current = new BlobOrNull(object);
    if (command instanceof PutObject c) {
      return new ObjectCreated(
          c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), c.blob(), c.metadata(), current.blob());
    }
    if (command instanceof DeleteObject c) {
      return new ObjectDeleted(c.commandId(), c.bucket(), next, c.issuedAt(), c.key(), current.blob());
    }
    throw new IllegalArgumentException("unknown command " + command.getClass().getName());
  }

  public static BucketState evolve(BucketState bucket, Event event) {
    if (event instanceof BucketCreated e) {
      return new BucketState(bucket.name(), true, e.at(), e.sequence(), 0);
    }
    if (event instanceof BucketDeleted e) {
      return new BucketState(bucket.name(), false, null, e.sequence(), 0);
    }
    if (event instanceof ObjectCreated e) {
      long added = e.replaced() == null ? 1 : 0;
      return new BucketState(bucket.name(), true, bucket.createdAt(), e.sequence(), bucket.objectCount() + added);
    }
    if (event instanceof ObjectDeleted e) {
      long removed = e.removed() == null ? 0 : 1;
      return new BucketState(bucket.name(), true, bucket.createdAt(), e.sequence(), bucket.objectCount() - removed);
    }
    return bucket;
  }

  /** The key's state after {@code event}; null when the key names nothing. */
  public static ObjectState evolveObject(ObjectState object, Event event) {
    if (event instanceof ObjectCreated e) {
      return new ObjectState(e.blob(), e.at(), e.sequence());
    }
    if (event instanceof ObjectDeleted) {
      return null;
    }
    return object;
  }

  private static Event reject(Command c, BucketState bucket, String code, String message) {
    return new CommandRejected(c.commandId(), c.bucket(), bucket.lastSequence(), c.issuedAt(), code, message);
  }

  private record BlobOrNull(ObjectState state) {
    io.mocks3.schemas.blob.BlobRef blob() {
      return state == null ? null : state.blob();
    }
  }
}
