package io.mocks3.schemas.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One line of an S3 operation history: the gateway's messages on {@code mocks3.history} while a run
 * is open, and the lines of {@code history.jsonl} that clients write themselves and the history
 * checker reads ({@code ops/mocks3 check}). Each is an operation's invocation ({@code type}
 * "invoke") or its completion ("ok": it happened, "fail": it certainly did not, "info": unknown, it
 * may take effect any time after its invoke or never) by one {@code process}. This record and
 * {@code fault-controller/checker/README.md} are the format's reference.
 *
 * <p>On the wire it is one JSON object with exactly these field names (snake_case), nulls omitted,
 * unknown fields ignored when read ({@link io.mocks3.schemas.Json#mapper()}).
 *
 * @param index unique and increasing within one history
 * @param time nanoseconds from one origin for the whole history (the gateway: epoch nanoseconds)
 * @param process a logical single-threaded client, at most one operation outstanding; the gateway
 *     uses the client's connection
 * @param type {@link #INVOKE}, {@link #OK}, {@link #FAIL} or {@link #INFO}
 * @param f put, get, head, delete or list (and {@link #OPEN} on the gateway's topic)
 * @param bucket optional; keys are then compared as bucket/key
 * @param key the object key, required on the invoke of all but a list
 * @param value what a put wrote (its invoke may carry only the sha256, its ok the ETag) or a
 *     get/head ok read; null (status 404) for no such key
 * @param listed on a list's ok: every key of one logical listing, across pages
 * @param prefix on a list's invoke
 * @param status optional HTTP status
 * @param requestId optional, {@code request_id}: the S3 request id
 * @param commandId optional, {@code command_id}: the metadata command the operation produced
 * @param error optional: the error code or exception name of a fail or info
 * @param gateway only on the topic: the gateway instance that served it; its "run-open" records
 *     (f = {@link #OPEN}) mark when it started recording
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

  /** The same line at another position, for merging histories into one order. */
  public HistoryRecord withIndex(long newIndex) {
    return new HistoryRecord(newIndex, time, process, type, f, bucket, key, value, listed, prefix, status,
        requestId, commandId, error, gateway);
  }

  /**
   * What was written or read, any subset of the three. Two values are the same write when their
   * sha256 match or, lacking a sha256 on either side, their ETags (quotes aside).
   *
   * @param versionId {@code version_id}
   */
  public record Value(String etag, @JsonProperty("version_id") String versionId, String sha256) {}
}
