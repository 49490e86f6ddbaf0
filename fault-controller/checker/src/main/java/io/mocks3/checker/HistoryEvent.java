package io.mocks3.checker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One line of history.jsonl: an {@code invoke} or its completion ({@code ok}, {@code fail}, {@code info}) by one
 * logical single-threaded {@code process}. Field names on the wire are snake_case; unknown fields are ignored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEvent(long index, long time, String process, String type, String f, String bucket, String key,
    Value value, List<String> listed, String prefix, Integer status, String requestId, String commandId,
    String error) {

  public static final String INVOKE = "invoke";
  public static final String OK = "ok";
  public static final String FAIL = "fail";
  public static final String INFO = "info";

  public boolean isInvoke() {
    return INVOKE.equals(type);
  }
}
