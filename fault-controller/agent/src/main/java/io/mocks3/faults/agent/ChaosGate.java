package io.mocks3.faults.agent;

import io.mocks3.schemas.DeadLetters;

/**
 * Where stream chaos meets a consumer: every consumer hands each record it took, with its own
 * "apply" and "dead-letter" actions, to its gate, and the gate carries out the verdict of
 * {@link FaultAgent#chaos} (which records the fault event and has already waited out a delay).
 * LOSE does nothing, DUPLICATE applies twice, DEAD_LETTER dead-letters, PASS applies; REORDER is
 * handed back to a consumer that can hold records, and applied as PASS by one that cannot (the
 * controller refuses reordering on its topics, so it is never offered).
 */
public final class ChaosGate {
  private final FaultAgent agent;
  private final String consumer;

  /**
   * @param agent whose chaos topics act on this consumer; null for none (every record passes)
   * @param consumer the consumer's name, as chaos topics and fault events name it
   */
  public ChaosGate(FaultAgent agent, String consumer) {
    this.agent = agent;
    this.consumer = consumer;
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

  /** Why chaos dead-lettered a record of {@code topic}: the chaos rule, as an injected fault. */
  static DeadLetters.Cause chaosCause(String topic) {
    return new DeadLetters.Cause("fault injected: chaos on " + topic, InjectedFault.class.getName(),
        FaultTopicIds.chaosRuleId(topic));
  }
}
