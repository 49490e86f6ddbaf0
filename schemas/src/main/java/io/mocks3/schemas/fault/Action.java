package io.mocks3.schemas.fault;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a rule does when it fires. {@code type}:
 * <ul>
 *   <li>{@code http_error} — answer {@code http_code} with an S3 XML error ({@code error_code},
 *       defaulting to the code S3 uses for that status) and {@code message};
 *   <li>{@code delay} — wait {@code delay} ("2s", "150ms") before serving normally.
 * </ul>
 */
public record Action(
    String type,
    @JsonProperty("http_code") Integer httpCode,
    @JsonProperty("error_code") String errorCode,
    String message,
    String delay) {
  public static final java.util.Set<String> TYPES = java.util.Set.of("http_error", "delay");
}
