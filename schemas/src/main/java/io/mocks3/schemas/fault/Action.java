package io.mocks3.schemas.fault;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a rule does when it fires. {@code type}:
 * <ul>
 *   <li>{@code http_error} — answer {@code http_code} with an S3 XML error ({@code error_code},
 *       defaulting to the code S3 uses for that status) and {@code message};
 *   <li>{@code delay} — wait {@code delay} ("2s", "150ms") before serving normally;
 *   <li>{@code hang} — hold the request for {@code delay} (default 5m, past any client timeout),
 *       then answer 503 ServiceUnavailable (the kill switch ends the hold at once);
 *   <li>{@code throttle} — serve the answer's body at {@code bytes_per_second};
 *   <li>{@code truncate} — send the headers as usual, then only {@code truncate_after} bytes of the
 *       body, and drop the connection;
 *   <li>{@code corrupt} — flip {@code corrupt_bytes} (default 1) bytes of the body, spread over it;
 *   <li>{@code wrong_etag} — answer with an ETag that is not the object's;
 *   <li>{@code disk_full}, {@code bit_rot}, {@code partial_write} — the storage nodes' disk (service storage-disk);
 *   <li>{@code stale_read} — a metadata read answers what the cache held before the key's latest
 *       change (nothing, when it was just created); {@code cache_miss} — the read skips the cache
 *       and goes to PostgreSQL (service metadata-service).
 *   <li>network links ({@link #LINK_TYPES}; the rule's service and {@code instance} name the process,
 *       a {@code link} condition its link: kafka, postgres, redis, storage-node-2, ...):
 *       {@code link_latency} ({@code delay}, {@code jitter}), {@code link_bandwidth}
 *       ({@code bytes_per_second}), {@code link_reset} (every connection reset), {@code link_slow_close}
 *       (a FIN held for {@code delay}), {@code link_blackhole} (bytes accepted and dropped); each in
 *       {@code direction} upstream (client to server), downstream or both (the default).
 * </ul>
 * Body actions apply at the HTTP point only.
 */
public record Action(
    String type,
    @JsonProperty("http_code") Integer httpCode,
    @JsonProperty("error_code") String errorCode,
    String message,
    String delay,
    @JsonProperty("bytes_per_second") Long bytesPerSecond,
    @JsonProperty("truncate_after") Long truncateAfter,
    @JsonProperty("corrupt_bytes") Integer corruptBytes,
    String jitter,
    String direction) {
  public static final java.util.Set<String> TYPES =
      java.util.Set.of("http_error", "delay", "hang", "connection_reset", "throttle", "truncate", "corrupt", "wrong_etag",
          "disk_full", "bit_rot", "partial_write", "stale_read", "cache_miss",
          "link_latency", "link_bandwidth", "link_reset", "link_slow_close", "link_blackhole");
  /** Actions on a process's network links (TCP forwarders in its fault agent), not on requests. */
  public static final java.util.Set<String> LINK_TYPES =
      java.util.Set.of("link_latency", "link_bandwidth", "link_reset", "link_slow_close", "link_blackhole");
  /** A link action's {@code direction}: client to server, server to client, or both (the default). */
  public static final java.util.Set<String> DIRECTIONS = java.util.Set.of("upstream", "downstream", "both");
  /** Actions of the storage nodes' disk only (service storage-disk). */
  public static final java.util.Set<String> DISK_TYPES = java.util.Set.of("disk_full", "bit_rot", "partial_write");

  /** Actions of the gateway's metadata reads only (service metadata-service). */
  public static final java.util.Set<String> CACHE_TYPES = java.util.Set.of("stale_read", "cache_miss");

  /** An action without the link fields (jitter, direction). */
  public Action(String type, Integer httpCode, String errorCode, String message, String delay, Long bytesPerSecond,
      Long truncateAfter, Integer corruptBytes) {
    this(type, httpCode, errorCode, message, delay, bytesPerSecond, truncateAfter, corruptBytes, null, null);
  }

  public static Action httpError(int status, String message) {
    return new Action("http_error", status, null, message, null, null, null, null);
  }

  @com.fasterxml.jackson.annotation.JsonIgnore // derived from type: not a field of the rule's JSON
  public boolean isLinkAction() {
    return type != null && LINK_TYPES.contains(type);
  }
}
