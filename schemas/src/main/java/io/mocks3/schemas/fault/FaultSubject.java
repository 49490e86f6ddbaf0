package io.mocks3.schemas.fault;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.SetObjectAcl;
import io.mocks3.schemas.command.SetObjectLock;
import io.mocks3.schemas.command.ObjectCommand;
import io.mocks3.schemas.event.Event;
import io.mocks3.schemas.event.ObjectCreated;
import io.mocks3.schemas.event.ObjectDeleted;
import io.mocks3.schemas.event.ObjectTagsSet;
import io.mocks3.schemas.event.ObjectAclSet;
import io.mocks3.schemas.event.ObjectLockSet;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * What an injected fault hurt, in S3 terms: the operation, the object (bucket, key, version), the
 * command that carried it and the client request that caused it. Every fault event names its
 * subject as far as the injection point knows it; unknown parts are null.
 *
 * @param operation the S3 operation or command type, e.g. PutObject, GetObject, ObjectCreated
 * @param commandId the id of the command on {@code mocks3.commands} (also its version id in a versioned bucket)
 * @param requestId the {@code x-amz-request-id} of the client request that wrote it
 */
public record FaultSubject(
    String operation,
    String bucket,
    String key,
    @JsonProperty("version_id") String versionId,
    @JsonProperty("command_id") String commandId,
    @JsonProperty("request_id") String requestId) {

  /** The record header in which the gateway passes the client request's id along with what it appends. */
  public static final String REQUEST_ID_HEADER = "x-mocks3-request-id";

  public static final FaultSubject NONE = new FaultSubject(null, null, null, null, null, null);

  /** Reads the request id from a record's header bytes ({@code header} yields null when it is absent). */
  public static String requestId(Function<String, byte[]> header) {
    byte[] value = header.apply(REQUEST_ID_HEADER);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  public static FaultSubject of(Command command, String requestId) {
    String key = command instanceof ObjectCommand o ? o.key().value() : null;
    String version = command instanceof DeleteObject d ? d.versionId() : command instanceof SetObjectLock l ? l.versionId()
        : command instanceof SetObjectAcl a ? a.versionId() : null;
    return new FaultSubject(command.getClass().getSimpleName(), command.bucket().value(), key, version,
        command.commandId(), requestId);
  }

  public static FaultSubject of(Event event, String requestId) {
    String key = null;
    String version = null;
    if (event instanceof ObjectCreated c) {
      key = c.key().value();
      version = c.versionId();
    } else if (event instanceof ObjectDeleted d) {
      key = d.key().value();
      version = d.versionId();
    } else if (event instanceof ObjectTagsSet t) {
      key = t.key().value();
    } else if (event instanceof ObjectLockSet l) {
      key = l.key().value();
      version = l.versionId();
    } else if (event instanceof ObjectAclSet a) {
      key = a.key().value();
      version = a.versionId();
    }
    return new FaultSubject(event.getClass().getSimpleName(), event.bucket().value(), key, version, event.commandId(),
        requestId);
  }

  /** Whether this subject is about {@code bucket} (and {@code key}); a null filter matches anything. */
  public boolean matches(String bucket, String key) {
    return (bucket == null || bucket.equals(this.bucket)) && (key == null || key.equals(this.key));
  }
}
