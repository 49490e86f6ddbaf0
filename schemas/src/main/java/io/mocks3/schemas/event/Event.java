package io.mocks3.schemas.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.Message;
import java.time.Instant;

/**
 * The outcome of one command, on {@code mocks3.events} (key = bucket). State-changing events
 * carry the bucket's next {@code sequence}; projections apply an event only when its sequence is
 * above the bucket's high-water mark, so delivering an event twice changes nothing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = BucketCreated.class, name = "BucketCreated"),
  @JsonSubTypes.Type(value = BucketDeleted.class, name = "BucketDeleted"),
  @JsonSubTypes.Type(value = ObjectCreated.class, name = "ObjectCreated"),
  @JsonSubTypes.Type(value = ObjectDeleted.class, name = "ObjectDeleted"),
  @JsonSubTypes.Type(value = ObjectTagsSet.class, name = "ObjectTagsSet"),
  @JsonSubTypes.Type(value = ObjectLockSet.class, name = "ObjectLockSet"),
  @JsonSubTypes.Type(value = ObjectAclSet.class, name = "ObjectAclSet"),
  @JsonSubTypes.Type(value = BucketConfigSet.class, name = "BucketConfigSet"),
  @JsonSubTypes.Type(value = CommandRejected.class, name = "CommandRejected"),
  @JsonSubTypes.Type(value = MultipartUploadCreated.class, name = "MultipartUploadCreated"),
  @JsonSubTypes.Type(value = PartUploaded.class, name = "PartUploaded"),
  @JsonSubTypes.Type(value = MultipartUploadAborted.class, name = "MultipartUploadAborted"),
  @JsonSubTypes.Type(value = MultipartCompletionRepeated.class, name = "MultipartCompletionRepeated"),
  @JsonSubTypes.Type(value = PartUploadSuperseded.class, name = "PartUploadSuperseded")
})
public sealed interface Event extends Message
    permits BucketCreated, BucketDeleted, BucketConfigSet, ObjectCreated, ObjectDeleted, ObjectTagsSet, ObjectLockSet, ObjectAclSet, CommandRejected,
        MultipartUploadCreated, PartUploaded, MultipartUploadAborted, MultipartCompletionRepeated, PartUploadSuperseded {
  String commandId();

  BucketName bucket();

  long sequence();

  Instant at();
}
