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
  @JsonSubTypes.Type(value = DeleteObject.class, name = "DeleteObject")
})
public sealed interface Command extends Message permits CreateBucket, DeleteBucket, PutObject, DeleteObject {
  String commandId();

  BucketName bucket();

  Instant issuedAt();
}
