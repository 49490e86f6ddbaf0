package io.mocks3.schemas.fault;

import java.time.Instant;

/**
 * One injected fault, as every agent records it on {@code mocks3.fault-events}.
 *
 * @param target where it was hit, e.g. "GET /photos/cat.jpg" or "mocks3.commands/0@427"
 * @param detail the action as applied, e.g. "http_error 503 SlowDown" or "delay 2s"
 * @param match for a rule's injection, its position (1-based) in the sequence of requests that met
 *     the rule's filters at this process; what a replay of the run uses. Null for chaos and poison.
 * @param subject what it hurt in S3 terms (operation, bucket, key, version, command, request);
 *     {@link FaultSubject#NONE} where the point knows none of it
 */
public record FaultEvent(
    String ruleId,
    String ruleName,
    String scenario,
    String service,
    String point,
    String operation,
    String target,
    String action,
    String detail,
    String traceId,
    Instant at,
    Long match,
    FaultSubject subject) {

  public FaultEvent {
    subject = subject == null ? FaultSubject.NONE : subject;
  }

  /** An event that names no S3 object (records from before subjects existed read like this too). */
  public FaultEvent(String ruleId, String ruleName, String scenario, String service, String point, String operation,
      String target, String action, String detail, String traceId, Instant at, Long match) {
    this(ruleId, ruleName, scenario, service, point, operation, target, action, detail, traceId, at, match,
        FaultSubject.NONE);
  }
}
