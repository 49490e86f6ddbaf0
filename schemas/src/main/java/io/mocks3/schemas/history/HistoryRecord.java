package io.mocks3.schemas.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One line of an S3 operation history, as the gateway records it on {@code mocks3.history} while a
 * run is open and as clients write it themselves ({@code history.jsonl}): an operation's invocation
 * ({@code type} "invoke") or its completion ("ok", "fail", "info") by one {@code process}. The
 * format is the history checker's (see {@code fault-controller/checker/README.md}).
 *
 * @param time epoch nanoseconds
 * @param process the single-threaded client that ran it; the gateway uses the client's connection
 * @param f put, get, head, delete or list
 * @param gateway the gateway instance that served it; "run-open" records (f = "open") mark when it started recording
 */
public record HistoryRecord(
    long index,
    long time,
    String process,
    String type,
    String f,
    String bucket,
    String key,
    Value value,
    List<String> listed,
    String prefix,
    Integer status,
    @JsonProperty("request_id") String requestId,
    @JsonProperty("command_id") String commandId,
    String error,
    String gateway) {

  public static final String INVOKE = "invoke";
  public static final String OK = "ok";
  public static final String FAIL = "fail";
  public static final String INFO = "info";
  /** The {@code f} of the record a gateway writes when it starts recording for a run. */
  public static final String OPEN = "open";

  /** What was written or read: identity of an object's content and version. */
  public record Value(String etag, @JsonProperty("version_id") String versionId, String sha256) {}
}
