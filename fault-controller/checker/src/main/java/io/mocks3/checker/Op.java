package io.mocks3.checker;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One operation: an invoke folded with its completion. {@code completeNanos} is {@link Long#MAX_VALUE} when the
 * outcome is unknown ({@code INFO}): such an operation may take effect at any time after its invoke, or never.
 * {@code index} is the completion's history index (the invoke's when there was none); {@code key}, {@code listed}
 * and {@code prefix} are as recorded, {@link #registerKey()} qualifies them with the bucket.
 */
// The derived read/write/ok come after the components in this order: which order Jackson takes getters in is not
// fixed (Jackson 2 and 3 differ), and a witness in a run report or a check report must not change.
@JsonPropertyOrder({"index", "invokeNanos", "completeNanos", "process", "type", "f", "bucket", "key", "value", "listed",
    "prefix", "status", "requestId", "commandId", "invokeIndex", "read", "write", "ok"})
public record Op(long index, long invokeNanos, long completeNanos, String process, Type type, F f, String bucket,
    String key, Value value, List<String> listed, String prefix, Integer status, String requestId, String commandId,
    long invokeIndex) {

  public enum Type { OK, FAIL, INFO }

  public enum F { PUT, GET, HEAD, DELETE, LIST }

  public Op {
    listed = listed == null ? null : List.copyOf(listed);
  }

  /** Keys are compared as bucket + "/" + key when the history names buckets. */
  public String registerKey() {
    return qualified(key);
  }

  /** The list prefix, qualified like {@link #registerKey()}. */
  public String registerPrefix() {
    return qualified(prefix == null ? "" : prefix);
  }

  /** The listed keys, qualified like {@link #registerKey()}. */
  public List<String> registerListed() {
    return listed == null ? List.of() : listed.stream().map(this::qualified).toList();
  }

  public boolean isRead() {
    return f == F.GET || f == F.HEAD;
  }

  public boolean isWrite() {
    return f == F.PUT || f == F.DELETE;
  }

  public boolean isOk() {
    return type == Type.OK;
  }

  /** Real-time order: this one completed before the other was invoked. */
  public boolean precedes(Op other) {
    return completeNanos < other.invokeNanos;
  }

  private String qualified(String name) {
    return bucket == null ? name : bucket + "/" + name;
  }
}
