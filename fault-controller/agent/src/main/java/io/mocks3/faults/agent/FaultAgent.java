package io.mocks3.faults.agent;

import io.mocks3.schemas.fault.Durations;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.fault.FaultSubject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import io.opentelemetry.api.trace.Span;
import org.slf4j.MDC;

/**
 * The agent inside a service: at an injection point, {@link #apply} asks the rule book whether a
 * rule fires, records the injection and applies it — waits out a delay, or throws an
 * {@link InjectedFault} for an HTTP error. With no rule firing it costs one pass over the rules.
 */
public final class FaultAgent implements AutoCloseable {
  private static final Duration DEFAULT_HANG = Duration.ofMinutes(5);
  private final String instance;
  private final RuleBook book;
  private final TopicFollower<byte[]> follower;
  private final FaultRecorder recorder;
  private final Clock clock;
  private volatile DeadLetterMemory deadLetterMemory;

  /**
   * @param instance the process, as fault events name it (e.g. storage-node-1)
   * @param follower keeps {@code book} up to date; null when the book is fed otherwise (tests)
   * @param recorder records injections; null records nothing (tests)
   */
  public FaultAgent(String instance, RuleBook book, TopicFollower<byte[]> follower, FaultRecorder recorder, Clock clock) {
    this.instance = instance;
    this.book = book;
    this.follower = follower;
    this.recorder = recorder;
    this.clock = clock;
  }

  public void start() {
    if (follower != null) {
      follower.start();
    }
  }

  /** Has this agent's consumers remember what they dead-lettered in {@code memory} (see {@link ChaosGate#setAside}). */
  public FaultAgent rememberDeadLetters(DeadLetterMemory memory) {
    this.deadLetterMemory = memory;
    return this;
  }

  /** Where this service's consumers find what they dead-lettered before; null when nowhere (tests). */
  public DeadLetterMemory deadLetterMemory() {
    return deadLetterMemory;
  }

  public RuleBook rules() {
    return book;
  }

  public boolean following() {
    return follower == null || follower.running();
  }

  /** Whether any rule could fire; an injection point checks this before it builds a {@link FaultTarget}. */
  public boolean armed() {
    return book.armed();
  }

  /** How far into {@code mocks3.faults} this agent has read: every change below it is in force here. */
  public long position() {
    return follower == null ? -1 : follower.position();
  }

  /** The rule that fires for {@code target}, recorded as injected; empty when none does. */
  public Optional<FaultRule> decide(FaultTarget target) {
    Optional<RuleBook.Decision> decision = book.decide(target, clock.instant());
    decision.ifPresent(d -> record(d, target));
    return decision.map(RuleBook.Decision::rule);
  }

  /**
   * Decides and applies what can be applied here: sleeps for a delay, holds a hang, throws
   * {@link InjectedFault} for an HTTP error (and at the end of a hang). A body action (throttle,
   * truncate, corrupt, wrong_etag) is returned for the HTTP point to apply to the answer.
   */
  public Optional<FaultRule> apply(FaultTarget target) {
    Optional<FaultRule> fired = decide(target);
    if (fired.isEmpty()) {
      return Optional.empty();
    }
    FaultRule rule = fired.get();
    switch (rule.action().type()) {
      case "delay" -> sleep(Durations.parse(rule.action().delay()));
      case "http_error", "connection_reset" -> throw new InjectedFault(rule);
      case "hang" -> {
        sleep(rule.action().delay() == null ? DEFAULT_HANG : Durations.parse(rule.action().delay()));
        throw new InjectedFault(rule, 503, "ServiceUnavailable");
      }
      default -> {
        return fired;
      }
    }
    return Optional.empty();
  }

  /**
   * The chaos verdict on a record a consumer took; a touched record is recorded as injected, with
   * its position ("topic/partition@offset", so that a lost record can be re-driven from the log) and
   * the S3 object it carries. The fault event is on the log when this returns: the consumer commits
   * the record after it, so a reader that sees the record consumed finds its fault too.
   */
  public StreamChaos.Verdict chaos(ConsumedRecord record, String consumer) {
    StreamChaos.Verdict verdict = book.verdict(record.topic(), consumer, record.key());
    if (verdict.touched()) {
      Span.current().setAttribute("rule_id", FaultTopicIds.chaosRuleId(record.topic()));
    }
    if (verdict.touched() && recorder != null) {
      String action = verdict.fate() != StreamChaos.Fate.PASS ? verdict.fate().name().toLowerCase(java.util.Locale.ROOT) : "delay";
      String detail = action + (verdict.delay().isZero() ? "" : " (delayed " + verdict.delay().toMillis() + " ms)");
      recorder.recordOnLog(new FaultEvent(FaultTopicIds.chaosRuleId(record.topic()), "chaos " + record.topic(), null,
          instance, "stream", consumer, record.position(), action, detail, MDC.get("traceId"), clock.instant(), null,
          record.subject()));
    }
    if (!verdict.delay().isZero()) {
      sleep(verdict.delay());
    }
    return verdict;
  }

  private void record(RuleBook.Decision decision, FaultTarget target) {
    if (recorder == null) {
      return;
    }
    FaultRule rule = decision.rule();
    // The request's span says which fault touched it.
    Span.current().setAttribute("rule_id", rule.id());
    Span.current().setAttribute("scenario_id", rule.scenario() == null ? "" : rule.scenario());
    // The thread's command and client request, where it works for one (the gateway's request, the projector's command).
    FaultSubject subject = new FaultSubject(target.operation(), target.bucket(), target.key(), null, MDC.get("commandId"),
        MDC.get("requestId"));
    recorder.record(new FaultEvent(rule.id(), rule.name(), rule.scenario(), instance, target.point(), target.operation(),
        target.description(), rule.action().type(), detail(rule), MDC.get("traceId"), clock.instant(), decision.match(),
        subject));
  }

  private static String detail(FaultRule rule) {
    return switch (rule.action().type()) {
      case "delay", "hang" -> rule.action().type() + " " + (rule.action().delay() == null ? "5m" : rule.action().delay());
      case "connection_reset" -> "connection reset";
      case "disk_full" -> "disk full (no space left on device)";
      case "bit_rot" -> "bit rot: a byte of the stored blob flipped";
      case "throttle" -> "throttle " + rule.action().bytesPerSecond() + " B/s";
      case "truncate" -> "truncate after " + rule.action().truncateAfter() + " bytes";
      case "corrupt" -> "corrupt " + (rule.action().corruptBytes() == null ? 1 : rule.action().corruptBytes()) + " bytes";
      case "http_error" -> "http_error " + (rule.action().httpCode() == null ? 500 : rule.action().httpCode())
          + (rule.action().errorCode() == null ? "" : " " + rule.action().errorCode());
      default -> rule.action().type();
    };
  }

  /** Waits out an injected delay; the kill switch ends every wait at once (see {@link RuleBook#awaitKillSwitch}). */
  private void sleep(Duration delay) {
    try {
      book.awaitKillSwitch(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (follower != null) {
      follower.close();
    }
    if (recorder != null) {
      recorder.close();
    }
  }
}
