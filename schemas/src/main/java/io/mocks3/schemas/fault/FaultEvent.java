package io.mocks3.schemas.fault;

import java.time.Instant;

/**
 * One injected fault, as every agent records it on {@code mocks3.fault-events}.
 *
 * @param target what was hit, e.g. "GET /photos/cat.jpg" or "metadata object photos/cat.jpg"
 * @param detail the action as applied, e.g. "http_error 503 SlowDown" or "delay 2s"
 * @param match for a rule's injection, its position (1-based) in the sequence of requests that met
 *     the rule's filters at this process; what a replay of the run uses. Null for chaos and poison.
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
    Long match) {}
