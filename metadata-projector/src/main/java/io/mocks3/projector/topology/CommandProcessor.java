package io.mocks3.projector.topology;

import io.mocks3.projector.core.BucketState;
import io.mocks3.projector.core.CommandDecider;
import io.mocks3.projector.core.ObjectState;
import io.mocks3.projector.projection.MetadataProjection;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.PutObject;
import io.mocks3.schemas.event.Event;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides one command against the stores, then projects the event into the read model before it
 * is forwarded: a gateway that sees the event can already read what it describes.
 */
final class CommandProcessor implements Processor<String, Command, String, Event> {
  private final MetadataProjection projection;
  private ProcessorContext<String, Event> context;
  private KeyValueStore<String, BucketState> buckets;
  private KeyValueStore<String, ObjectState> objects;

  CommandProcessor(MetadataProjection projection) {
    this.projection = projection;
  }

  @Override
  public void init(ProcessorContext<String, Event> context) {
    this.context = context;
    this.buckets = context.getStateStore(CommandTopology.BUCKETS_STORE);
    this.objects = context.getStateStore(CommandTopology.OBJECTS_STORE);
  }

  @Override
  public void process(Record<String, Command> record) {
    Command command = record.value();
    if (command == null) {
      return;
    }
    String bucketName = command.bucket().value();
    BucketState bucket = buckets.get(bucketName);
    if (bucket == null) {
      bucket = BucketState.absent(bucketName);
    }
    String objectId = objectIdOf(command);
    ObjectState object = objectId == null ? null : objects.get(objectId);

    Event event = CommandDecider.decide(command, bucket, object);
    projection.apply(event);
    buckets.put(bucketName, CommandDecider.evolve(bucket, event));
    if (objectId != null) {
      ObjectState next = CommandDecider.evolveObject(object, event);
      if (next == null) {
        objects.delete(objectId);
      } else {
        objects.put(objectId, next);
      }
    }
    context.forward(record.withKey(bucketName).withValue(event));
  }

  /** Store key of the object a command names: bucket, NUL, key (keys cannot contain NUL). */
  private static String objectIdOf(Command command) {
    if (command instanceof PutObject p) {
      return p.bucket().value() + '\0' + p.key().value();
    }
    if (command instanceof DeleteObject d) {
      return d.bucket().value() + '\0' + d.key().value();
    }
    return null;
  }
}
