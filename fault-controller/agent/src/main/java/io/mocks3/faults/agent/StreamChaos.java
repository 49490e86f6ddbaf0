package io.mocks3.faults.agent;

import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The chaos topics an agent knows, and the verdict on one consumed record. A consumer asks
 * before it applies a record: PASS, LOSE (skip it), DEAD_LETTER (send it to the DLQ instead),
 * DUPLICATE (apply it twice) or REORDER (hold it back until {@code window} later records were
 * applied; only consumers that can hold records are offered it), plus how long to delay it first.
 */
public final class StreamChaos {
  private final Map<String, Active> topics = new ConcurrentHashMap<>();

  public enum Fate {
    PASS,
    LOSE,
    DEAD_LETTER,
    DUPLICATE,
    REORDER
  }

  /** @param chaos the configuration that decided, or null when none applies */
  public record Verdict(Fate fate, Duration delay, ChaosTopic chaos) {
    static final Verdict PASS = new Verdict(Fate.PASS, Duration.ZERO, null);

    public boolean touched() {
      return fate != Fate.PASS || !delay.isZero();
    }
  }

  public void put(String topic, ChaosTopic chaos) {
    if (chaos == null) {
      topics.remove(topic);
    } else {
      topics.put(topic, new Active(chaos));
    }
  }

  public List<ChaosTopic> active() {
    return topics.values().stream().map(a -> a.chaos).sorted(java.util.Comparator.comparing(ChaosTopic::topic)).toList();
  }

  public java.util.Optional<ChaosTopic> get(String topic) {
    return java.util.Optional.ofNullable(topics.get(topic)).map(a -> a.chaos);
  }

  public Verdict decide(String topic, String consumer, String key) {
    Active active = topics.get(topic);
    if (active == null) {
      return Verdict.PASS;
    }
    ChaosTopic c = active.chaos;
    if (!c.actsOn(consumer) || (c.keyFilter() != null && !c.keyFilter().equals(key))) {
      return Verdict.PASS;
    }
    return active.draw();
  }

  private static final class Active {
    private final ChaosTopic chaos;
    private final SplittableRandom seeded;
    private final Duration delay;

    Active(ChaosTopic chaos) {
      this.chaos = chaos;
      this.seeded = chaos.seed() == null ? null : new SplittableRandom(chaos.seed());
      this.delay = chaos.delay() == null ? Duration.ZERO : Durations.parse(chaos.delay());
    }

    synchronized Verdict draw() {
      double fate = next();
      double delayDraw = next();
      double lose = ChaosTopic.rate(chaos.lossRate());
      double deadLetter = lose + ChaosTopic.rate(chaos.deadLetterRate());
      double duplicate = deadLetter + ChaosTopic.rate(chaos.duplicateRate());
      double reorder = duplicate + ChaosTopic.rate(chaos.reorderRate());
      Fate f = fate < lose ? Fate.LOSE : fate < deadLetter ? Fate.DEAD_LETTER : fate < duplicate ? Fate.DUPLICATE
          : fate < reorder ? Fate.REORDER : Fate.PASS;
      boolean delayed = !delay.isZero() && delayDraw < (chaos.delayRate() == null ? 1.0 : chaos.delayRate());
      return new Verdict(f, delayed ? delay : Duration.ZERO, chaos);
    }

    private double next() {
      return seeded != null ? seeded.nextDouble() : ThreadLocalRandom.current().nextDouble();
    }
  }
}
