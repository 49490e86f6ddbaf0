package io.mocks3.faults.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.mocks3.schemas.DeadLetters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where stream chaos meets a consumer: every consumer hands each record it took, with its own
 * "apply" and "dead-letter" actions, to its gate, and the gate carries out the verdict of
 * {@link FaultAgent#chaos} (which records the fault event and has already waited out a delay).
 * LOSE does nothing, DUPLICATE applies twice, DEAD_LETTER dead-letters, PASS applies; REORDER is
 * handed back to a consumer that can hold records, and applied as PASS by one that cannot (the
 * controller refuses reordering on its topics, so it is never offered).
 *
 * <p>A record the consumer cannot read (poison) is {@linkplain #setAside set aside} here too: once.
 */
public final class ChaosGate {
  private static final Logger log = LoggerFactory.getLogger(ChaosGate.class);
  private final FaultAgent agent;
  private final String consumer;
  private final Counter poisonSkipped;

  /**
   * @param agent whose chaos topics act on this consumer; null for none (every record passes)
   * @param consumer the consumer's name, as chaos topics and fault events name it
   */
  public ChaosGate(FaultAgent agent, String consumer) {
    this.agent = agent;
    this.consumer = consumer;
    this.poisonSkipped = Counter.builder("poison.skipped")
        .description("unreadable records met again (a replay) and skipped: their consumer had dead-lettered them already")
        .tag("consumer", consumer).register(Metrics.globalRegistry);
  }

  /** Whether chaos on {@code topic} may touch this consumer's records now. */
  public boolean acts(String topic) {
    return agent != null && agent.rules().chaosActs(topic, consumer);
  }

  /** Applies a record. */
  @FunctionalInterface
  public interface Apply<E extends Exception> {
    void run() throws E;
  }

  /** Sends a record to its dead-letter topic, its headers built by {@link DeadLetters#describe} from {@code cause}. */
  @FunctionalInterface
  public interface DeadLetter<E extends Exception> {
    void send(DeadLetters.Cause cause) throws E;
  }

  /** Holds a record back to apply it later, as the verdict's {@code chaos().window()} says. */
  @FunctionalInterface
  public interface Hold<E extends Exception> {
    void hold(StreamChaos.Verdict verdict) throws E;
  }

  /** For a consumer that cannot hold records; returns the fate it met. */
  public <E extends Exception> StreamChaos.Fate admit(ConsumedRecord record, Apply<E> apply, DeadLetter<E> deadLetter)
      throws E {
    return admit(record, apply, deadLetter, verdict -> apply.run());
  }

  /** For a consumer that can hold records back ({@code hold}); returns the fate the record met. */
  public <E extends Exception> StreamChaos.Fate admit(ConsumedRecord record, Apply<E> apply, DeadLetter<E> deadLetter,
      Hold<E> hold) throws E {
    StreamChaos.Verdict verdict = agent == null ? StreamChaos.Verdict.PASS : agent.chaos(record, consumer);
    switch (verdict.fate()) {
      case LOSE -> { }
      case DEAD_LETTER -> deadLetter.send(chaosCause(record.topic()));
      case REORDER -> hold.hold(verdict);
      case DUPLICATE -> {
        apply.run();
        apply.run();
      }
      case PASS -> apply.run();
    }
    return verdict.fate();
  }

  /**
   * For a record the consumer cannot read: dead-letters it ({@code deadLetter} with {@code cause}),
   * unless this consumer already did, which the dead-letter topic remembers ({@link DeadLetterMemory}):
   * poison stays in the log, and a consumer that reads its log again skips it, counted in
   * {@code poison_skipped_total{consumer}}. Returns whether the record was dead-lettered now.
   */
  public <E extends Exception> boolean setAside(DeadLetters.Origin origin, DeadLetters.Cause cause, DeadLetter<E> deadLetter)
      throws E {
    DeadLetterMemory memory = agent == null ? null : agent.deadLetterMemory();
    if (memory != null && memory.contains(origin)) {
      poisonSkipped.increment();
      log.debug("{} skips the unreadable record at {}/{}@{}: it dead-lettered it before", consumer, origin.topic(),
          origin.partition(), origin.offset());
      return false;
    }
    deadLetter.send(cause);
    if (memory != null) {
      memory.remember(origin);
    }
    return true;
  }

  /** Why chaos dead-lettered a record of {@code topic}: the chaos rule, as an injected fault. */
  static DeadLetters.Cause chaosCause(String topic) {
    return new DeadLetters.Cause("fault injected: chaos on " + topic, InjectedFault.class.getName(),
        FaultTopicIds.chaosRuleId(topic));
  }
}
