package io.mocks3.faults.agent.link;

import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.Durations;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a link does to the bytes it forwards right now. {@link #NONE} forwards them untouched.
 *
 * @param kind what happens
 * @param direction which way it acts (a reset cuts both ways whatever it says)
 * @param delay latency, or how long a FIN is held (slow close)
 * @param jitter latency varies by up to this much either way
 * @param bytesPerSecond the bandwidth limit
 */
public record Toxic(Kind kind, Direction direction, Duration delay, Duration jitter, long bytesPerSecond) {
  public static final Toxic NONE = new Toxic(Kind.NONE, Direction.BOTH, Duration.ZERO, Duration.ZERO, 0);

  /** The toxics, named as the rules' link actions are ({@code link_} + the name). */
  public enum Kind { NONE, LATENCY, BANDWIDTH, RESET, SLOW_CLOSE, BLACKHOLE }

  public Toxic {
    delay = delay == null ? Duration.ZERO : delay;
    jitter = jitter == null ? Duration.ZERO : jitter;
  }

  public static Toxic latency(Duration delay, Duration jitter, Direction direction) {
    return new Toxic(Kind.LATENCY, direction, delay, jitter, 0);
  }

  public static Toxic bandwidth(long bytesPerSecond, Direction direction) {
    return new Toxic(Kind.BANDWIDTH, direction, Duration.ZERO, Duration.ZERO, bytesPerSecond);
  }

  public static Toxic reset() {
    return new Toxic(Kind.RESET, Direction.BOTH, Duration.ZERO, Duration.ZERO, 0);
  }

  public static Toxic slowClose(Duration delay, Direction direction) {
    return new Toxic(Kind.SLOW_CLOSE, direction, delay, Duration.ZERO, 0);
  }

  public static Toxic blackhole(Direction direction) {
    return new Toxic(Kind.BLACKHOLE, direction, Duration.ZERO, Duration.ZERO, 0);
  }

  /** The toxic of a link action (see {@link Action#LINK_TYPES}); the validator has checked its fields. */
  public static Toxic of(Action action) {
    Direction direction = Direction.of(action.direction());
    return switch (action.type()) {
      case "link_latency" -> latency(Durations.parse(action.delay()),
          action.jitter() == null ? Duration.ZERO : Durations.parse(action.jitter()), direction);
      case "link_bandwidth" -> bandwidth(action.bytesPerSecond(), direction);
      case "link_reset" -> reset();
      case "link_slow_close" -> slowClose(Durations.parse(action.delay()), direction);
      case "link_blackhole" -> blackhole(direction);
      default -> throw new IllegalArgumentException(action.type() + " is not a link action");
    };
  }

  /** Whether this toxic acts on bytes travelling upstream (true) or downstream (false). */
  boolean acts(Kind on, boolean upstream) {
    return kind == on && direction.covers(upstream);
  }

  /** One draw of the latency: the delay plus or minus up to the jitter, never below zero. */
  Duration latencyDraw() {
    if (jitter.isZero()) {
      return delay;
    }
    long spread = jitter.toNanos();
    long nanos = delay.toNanos() + ThreadLocalRandom.current().nextLong(-spread, spread + 1);
    return Duration.ofNanos(Math.max(0, nanos));
  }

  /** For fault events and logs: "blackhole upstream", "latency 200ms ±50ms both", "healed". */
  public String describe() {
    String what = switch (kind) {
      case NONE -> "healed";
      case LATENCY -> "latency " + delay.toMillis() + "ms" + (jitter.isZero() ? "" : " ±" + jitter.toMillis() + "ms");
      case BANDWIDTH -> "bandwidth " + bytesPerSecond + " B/s";
      case RESET -> "reset";
      case SLOW_CLOSE -> "slow close " + delay.toMillis() + "ms";
      case BLACKHOLE -> "blackhole";
    };
    return kind == Kind.NONE || kind == Kind.RESET ? what : what + " " + direction;
  }
}
