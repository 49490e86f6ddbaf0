package io.mocks3.faults.agent;

import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.Condition;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.fault.Services;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The rules an agent knows, and the decision at an injection point: the highest-priority enabled,
 * unexpired rule of the point's service whose conditions all hold fires. Pure apart from the
 * rules' own state: each rule counts the requests that matched its other conditions (for
 * first_n / every_nth) and draws its probability from its own generator, seeded when the rule
 * has a seed, so the same request sequence meets the same decisions.
 *
 * <p>The kill switch is also a signal: engaging it wakes every thread waiting out an injected
 * delay ({@link #awaitKillSwitch}) and tells the listeners (the process scenarios) at once.
 */
public final class RuleBook {
  private final Map<String, ActiveRule> rules = new ConcurrentHashMap<>();
  private volatile List<ActiveRule> ordered = List.of();
  private volatile boolean killed;
  /** Counted down when the kill switch is engaged; replaced by a fresh one when it is released. */
  private volatile CountDownLatch killSignal = new CountDownLatch(1);
  private final List<Consumer<Boolean>> killListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private final StreamChaos chaos = new StreamChaos();
  private final String instance;

  /** A rule book for a process without an instance name ({@code instance} conditions never hold). */
  public RuleBook() {
    this(null);
  }

  /** @param instance this process, for {@code instance} conditions (e.g. node-1) */
  public RuleBook(String instance) {
    this.instance = instance;
  }

  /** The chaos topics, which the kill switch silences too (see {@link #verdict}). */
  public StreamChaos chaos() {
    return chaos;
  }

  /** The chaos verdict on a consumed record; PASS while the kill switch is engaged or the topic's chaos expired. */
  public StreamChaos.Verdict verdict(String topic, String consumer, String key) {
    return verdict(topic, consumer, key, Instant.now());
  }

  /** Whether chaos on {@code topic} may touch records of {@code consumer} now (some keys or all). */
  public boolean chaosActs(String topic, String consumer) {
    return inForce(topic, Instant.now()).filter(c -> c.actsOn(consumer)).isPresent();
  }

  /** The chaos verdict at {@code now}: a chaos topic past its {@code expiresAt} is dropped, like an expired rule. */
  public StreamChaos.Verdict verdict(String topic, String consumer, String key, Instant now) {
    return inForce(topic, now).isEmpty() ? StreamChaos.Verdict.PASS : chaos.decide(topic, consumer, key);
  }

  /** The chaos on {@code topic} that applies at {@code now}: none while the kill switch is engaged; an expired one is dropped. */
  private Optional<ChaosTopic> inForce(String topic, Instant now) {
    if (killed) {
      return Optional.empty();
    }
    Optional<ChaosTopic> active = chaos.get(topic);
    if (active.filter(c -> c.expired(now)).isPresent()) {
      chaos.put(topic, null);
      return Optional.empty();
    }
    return active;
  }

  /** A rule fired: the rule and its decision number (1-based count of its matches so far). */
  public record Decision(FaultRule rule, long match) {}

  /** Replaces (or with null removes) a rule. A replaced rule starts its counters and generator afresh. */
  public synchronized void put(String id, FaultRule rule) {
    if (rule == null) {
      rules.remove(id);
    } else {
      rules.put(id, new ActiveRule(rule));
    }
    ordered = rules.values().stream()
        .sorted(Comparator.comparingInt((ActiveRule r) -> -r.rule.priorityOrDefault())
            .thenComparing(r -> r.rule.createdAt() == null ? Instant.EPOCH : r.rule.createdAt())
            .thenComparing(r -> r.rule.id()))
        .toList();
    changeListeners.forEach(Runnable::run);
  }

  /**
   * {@code listener} hears every change of the rules and of the kill switch, on the thread that
   * applied it: what holds a state rather than deciding per request (the network links) re-reads it.
   */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  /** Engages or releases the kill switch; engaging wakes every {@link #awaitKillSwitch} at once. */
  public synchronized void killSwitch(boolean engaged) {
    boolean changed = engaged != killed;
    killed = engaged;
    if (engaged) {
      killSignal.countDown();
    } else if (killSignal.getCount() == 0) {
      killSignal = new CountDownLatch(1);
    }
    if (changed) {
      killListeners.forEach(listener -> listener.accept(engaged));
      changeListeners.forEach(Runnable::run);
    }
  }

  /** {@code listener} hears every change of the kill switch (true: engaged), on the thread that applied it. */
  public void onKillSwitch(Consumer<Boolean> listener) {
    killListeners.add(listener);
  }

  /**
   * Waits out {@code delay} unless the kill switch is or becomes engaged: an injected delay must not
   * outlive the kill switch. True when it was cut short by the kill switch.
   */
  public boolean awaitKillSwitch(Duration delay) throws InterruptedException {
    return killSignal.await(delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  public boolean killed() {
    return killed;
  }

  /** False when no rule could fire (none known, or the kill switch engaged): injection points can skip describing their target. */
  public boolean armed() {
    return !killed && !ordered.isEmpty();
  }

  public List<FaultRule> rules() {
    return ordered.stream().map(r -> r.rule).toList();
  }

  public Optional<FaultRule> rule(String id) {
    return Optional.ofNullable(rules.get(id)).map(r -> r.rule);
  }

  public Optional<Decision> decide(FaultTarget target, Instant now) {
    if (killed) {
      return Optional.empty();
    }
    for (ActiveRule active : ordered) {
      Optional<Decision> decision = active.decide(target, now, instance);
      if (decision.isPresent()) {
        return decision;
      }
    }
    return Optional.empty();
  }

  /** Whether any rule known has a link action, in force or not: only then can a link's toxic change with time. */
  public boolean hasLinkRules() {
    return ordered.stream().anyMatch(r -> r.rule.action().isLinkAction());
  }

  /**
   * The link rule in force on a link ({@code target}: point "link", operation the link's name): the
   * highest-priority enabled, unexpired rule with a link action whose service, instance, link and
   * time window match. Link rules hold a state, so nothing is counted or drawn.
   */
  public Optional<FaultRule> linkRule(FaultTarget target, Instant now) {
    if (killed) {
      return Optional.empty();
    }
    return ordered.stream().filter(r -> r.linkMatches(target, now, instance)).map(r -> r.rule).findFirst();
  }

  private static final class ActiveRule {
    private final FaultRule rule;
    private final String service;
    private final List<Condition> filters = new ArrayList<>();
    private final List<Condition> counters = new ArrayList<>();
    private final Double probability;
    private final SplittableRandom seeded;
    private final AtomicLong matches = new AtomicLong();
    private final Map<String, Pattern> globs = new ConcurrentHashMap<>();
    private final Map<Condition, java.util.Set<Long>> positions = new java.util.HashMap<>();

    ActiveRule(FaultRule rule) {
      this.rule = rule;
      this.service = Services.canonical(rule.service());
      Double p = null;
      for (Condition c : rule.conditions()) {
        switch (c.type()) {
          case "probability" -> p = c.number();
          case "first_n", "every_nth", "matches" -> counters.add(c);
          default -> filters.add(c);
        }
      }
      this.probability = p;
      counters.stream().filter(c -> c.type().equals("matches")).forEach(c -> positions.put(c, c.positions()));
      this.seeded = rule.seed() == null ? null : new SplittableRandom(rule.seed());
    }

    Optional<Decision> decide(FaultTarget target, Instant now, String instance) {
      if (!inForce(now) || rule.action().isLinkAction()) {
        return Optional.empty();
      }
      // "*" means every service's HTTP endpoints; the inner points (metadata, disk) are named explicitly,
      // so one request is not delayed or failed again at each of them.
      boolean serviceMatches = "*".equals(service) ? "http".equals(target.point()) : target.service().equals(service);
      if (!serviceMatches) {
        return Optional.empty();
      }
      for (Condition c : filters) {
        if (c.type().equals("instance") ? !c.text().equals(instance) : !holds(c, target, now)) {
          return Optional.empty();
        }
      }
      // Counting and drawing happen in one step per rule, so concurrent requests each get one
      // position in the rule's sequence and a seeded sequence stays the same.
      synchronized (this) {
        long n = matches.incrementAndGet();
        for (Condition c : counters) {
          boolean hit = switch (c.type()) {
            case "matches" -> positions.get(c).contains(n);
            case "first_n" -> n <= (long) c.number();
            default -> (long) c.number() > 0 && n % (long) c.number() == 0;
          };
          if (!hit) {
            return Optional.empty();
          }
        }
        if (probability != null) {
          double draw = seeded != null ? seeded.nextDouble() : ThreadLocalRandom.current().nextDouble();
          if (draw >= probability) {
            return Optional.empty();
          }
        }
        return Optional.of(new Decision(rule, n));
      }
    }

    private boolean inForce(Instant now) {
      return rule.isEnabled() && rule.action() != null && (rule.expiresAt() == null || now.isBefore(rule.expiresAt()));
    }

    /** Whether this is a link rule for {@code target}'s link; "*" names every process's links. */
    boolean linkMatches(FaultTarget target, Instant now, String instance) {
      if (!inForce(now) || !rule.action().isLinkAction() || !"link".equals(target.point())
          || !("*".equals(service) || target.service().equals(service))) {
        return false;
      }
      return filters.stream().allMatch(c -> c.type().equals("instance") ? c.text().equals(instance) : holds(c, target, now));
    }

    private boolean holds(Condition c, FaultTarget t, Instant now) {
      return switch (c.type()) {
        case "operation" -> t.operation() != null && List.of(c.text().split(",")).stream()
            .map(String::trim).anyMatch(op -> op.equalsIgnoreCase(t.operation()));
        case "bucket" -> c.text().equals(t.bucket());
        case "link" -> "link".equals(t.point()) && List.of(c.text().split(",")).stream()
            .map(String::trim).anyMatch(link -> link.equals(t.operation()));
        case "key_prefix" -> t.key() != null && t.key().startsWith(c.text());
        case "key_pattern" -> t.key() != null && globs.computeIfAbsent(c.text(), ActiveRule::glob).matcher(t.key()).matches();
        case "header" -> {
          String actual = t.headers().apply(c.name());
          yield actual != null && (c.value() == null || c.text().equals(actual));
        }
        case "time_window" -> (c.from() == null || !now.isBefore(Instant.parse(c.from())))
            && (c.until() == null || now.isBefore(Instant.parse(c.until())));
        default -> false;
      };
    }

    private static Pattern glob(String glob) {
      StringBuilder regex = new StringBuilder();
      for (char ch : glob.toCharArray()) {
        switch (ch) {
          case '*' -> regex.append(".*");
          case '?' -> regex.append('.');
          default -> regex.append(Pattern.quote(String.valueOf(ch)));
        }
      }
      return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
  }
}
