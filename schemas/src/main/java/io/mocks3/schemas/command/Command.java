package io.mocks3.schemas.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.Message;
import java.time.Instant;

/**
 * An S3 write, as the gateway appended it to {@code mocks3.commands} (key = bucket). The
 * metadata projector decides each command against current state and answers with one event
 * carrying the same command id.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = CreateBucket.class, name = "CreateBucket"),
  @JsonSubTypes.Type(value = DeleteBucket.class, name = "DeleteBucket"),
  @JsonSubTypes.Type(value = PutObject.class, name = "PutObject"),
  @JsonSubTypes.Type(value = DeleteObject.class, name = "DeleteObject"),
  @JsonSubTypes.Type(value = SetObjectTags.class, name = "SetObjectTags"),
  @JsonSubTypes.Type(value = SetObjectLock.class, name = "SetObjectLock"),
  @JsonSubTypes.Type(value = SetObjectAcl.class, name = "SetObjectAcl"),
  @JsonSubTypes.Type(value = SetBucketConfig.class, name = "SetBucketConfig"),
  @JsonSubTypes.Type(value = CreateMultipartUpload.class, name = "CreateMultipartUpload"),
  @JsonSubTypes.Type(value = UploadPart.class, name = "UploadPart"),
  @JsonSubTypes.Type(value = CompleteMultipartUpload.class, name = "CompleteMultipartUpload"),
  @JsonSubTypes.Type(value = AbortMultipartUpload.class, name = "AbortMultipartUpload")
})
public sealed interface Command extends Message permits CreateBucket, DeleteBucket, SetBucketConfig, ObjectCommand {
  String commandId();

  BucketName bucket();

  Instant issuedAt();
}
