package io.mocks3.schemas.fault;

import java.time.Instant;

/**
 * One injected fault, as every agent records it on {@code mocks3.fault-events}.
 *
 * @param target what was hit, e.g. "GET /photos/cat.jpg" or "metadata object photos/cat.jpg"
 * @param detail the action as applied, e.g. "http_error 503 SlowDown" or "delay 2s"
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
    Instant at) {}
