package io.mocks3.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One injected fault, as the agent that injected it recorded it.
 *
 * @param ruleId the rule's id; {@code chaos:<topic>} for chaos, {@code poison:<topic>} for poison
 * @param target where it was hit, e.g. "PUT /photos/cat.jpg" or "mocks3.commands/0@427"
 * @param action e.g. http_error, lose, duplicate
 * @param detail the action as applied, e.g. "http_error 503 SlowDown"
 * @param match for a rule, its position among the requests that met the rule's filters; null otherwise
 * @param subject what it hurt in S3 terms
 */
public record FaultEvent(String ruleId, String ruleName, String scenario, String service, String point, String operation,
    String target, String action, String detail, String traceId, Instant at, Long match, Subject subject) {

  /** What a fault hurt: the operation, the object, the command that carried it, the client request. Unknown parts are null. */
  public record Subject(String operation, String bucket, String key, @JsonProperty("version_id") String versionId,
      @JsonProperty("command_id") String commandId, @JsonProperty("request_id") String requestId) {}
}
