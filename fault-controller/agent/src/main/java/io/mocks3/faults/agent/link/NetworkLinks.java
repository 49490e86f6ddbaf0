package io.mocks3.faults.agent.link;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.faults.agent.RuleBook;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.fault.FaultRule;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network links of one process (see {@link LinkForwarder}) and the rules that act on them: each
 * link carries the toxic of the link rule in force for it ({@link RuleBook#linkRule}), re-read on
 * every change of the rules or the kill switch, and every 250 ms for rules that expire or whose time
 * window opens. Every change of a link's toxic is a fault event (point "link", operation the link's
 * name, action the rule's, or {@code link_heal} when it ends).
 */
public final class NetworkLinks implements AutoCloseable {
  public static final String POINT = "link";
  public static final String HEAL = "link_heal";
  private static final Logger log = LoggerFactory.getLogger(NetworkLinks.class);
  private static final Duration RECHECK = Duration.ofMillis(250);
  private final Map<String, LinkForwarder> links;
  private final Map<String, FaultRule> applied = new ConcurrentHashMap<>();
  private final ScheduledExecutorService recheck = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "links-recheck");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Following following;
  private ScheduledFuture<?> rechecking;

  private record Following(RuleBook book, String service, String process, Consumer<FaultEvent> events, Clock clock) {}

  private NetworkLinks(Map<String, LinkForwarder> links) {
    this.links = links;
  }

  /** Opens every link at once (before the process's clients connect); a port that is taken fails with its name. */
  public static NetworkLinks open(Map<String, LinkSettings> settings) throws IOException {
    Map<String, LinkForwarder> opened = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, LinkSettings> link : new java.util.TreeMap<>(settings).entrySet()) {
        opened.put(link.getKey(), LinkForwarder.open(link.getKey(), link.getValue().port(),
            link.getValue().targetAddress()));
      }
    } catch (IOException | RuntimeException e) {
      opened.values().forEach(LinkForwarder::close);
      throw e;
    }
    opened.values().forEach(l -> log.info("network link {}", l));
    return new NetworkLinks(opened);
  }

  public Map<String, LinkForwarder> links() {
    return java.util.Collections.unmodifiableMap(links);
  }

  public Optional<LinkForwarder> link(String name) {
    return Optional.ofNullable(links.get(name));
  }

  /**
   * Puts the links under {@code book}'s link rules from now on.
   *
   * @param service the canonical service rules name (storage-node)
   * @param process this process as fault events name it (node-2)
   * @param events where each change of a link's toxic is recorded
   */
  public void follow(RuleBook book, String service, String process, Consumer<FaultEvent> events, Clock clock) {
    following = new Following(book, service, process, events, clock);
    book.onChange(this::reconcile);
    reconcile();
  }

  /** Sets every link's toxic to what its rules say now; a link whose rule changed records the change. */
  public synchronized void reconcile() {
    Following f = following;
    if (f == null) {
      return;
    }
    recheckWhile(f.book().hasLinkRules() || !applied.isEmpty());
    for (LinkForwarder link : links.values()) {
      try {
        FaultTarget target = new FaultTarget(f.service(), POINT, link.name(), null, null, null, describe(f, link));
        Optional<FaultRule> rule = f.book().linkRule(target, f.clock().instant());
        FaultRule before = applied.get(link.name());
        if (!sameRule(before, rule.orElse(null))) {
          apply(f, link, before, rule.orElse(null));
        }
      } catch (RuntimeException e) {
        log.warn("link {}: could not apply its rules: {}", link.name(), e.toString());
      }
    }
  }

  /** Rechecks every {@link #RECHECK} while {@code needed}; called under this object's lock. */
  private void recheckWhile(boolean needed) {
    if (needed && rechecking == null) {
      rechecking = recheck.scheduleWithFixedDelay(this::reconcile, RECHECK.toMillis(), RECHECK.toMillis(),
          TimeUnit.MILLISECONDS);
    } else if (!needed && rechecking != null) {
      rechecking.cancel(false);
      rechecking = null;
    }
  }

  private void apply(Following f, LinkForwarder link, FaultRule before, FaultRule now) {
    Toxic toxic = now == null ? Toxic.NONE : Toxic.of(now.action());
    link.toxic(toxic);
    if (now == null) {
      applied.remove(link.name());
    } else {
      applied.put(link.name(), now);
    }
    FaultRule named = now != null ? now : before;
    String action = now != null ? now.action().type() : HEAL;
    log.info("link {} of {}: {} (rule {})", link.name(), f.process(), toxic.describe(), named.id());
    f.events().accept(new FaultEvent(named.id(), named.name(), named.scenario(), f.process(), POINT, link.name(),
        describe(f, link), action, toxic.describe(), null, f.clock().instant(), null));
  }

  private static boolean sameRule(FaultRule a, FaultRule b) {
    return a == null ? b == null : b != null && a.id().equals(b.id()) && a.equals(b);
  }

  private static String describe(Following f, LinkForwarder link) {
    return f.process() + " -> " + link;
  }

  /**
   * Per link: {@code mocks3_link_bytes_total{link,direction}} (bytes delivered),
   * {@code mocks3_link_connections{link}} (open now), {@code mocks3_link_toxic{link,toxic}} (1 for the
   * toxic on it now, {@code none} when healthy).
   */
  public void bindTo(MeterRegistry registry) {
    for (LinkForwarder link : links.values()) {
      for (boolean upstream : new boolean[] {true, false}) {
        FunctionCounter.builder("mocks3.link.bytes", link, l -> l.bytesForwarded(upstream))
            .description("Bytes a network link delivered").tag("link", link.name())
            .tag("direction", upstream ? "upstream" : "downstream").register(registry);
      }
      Gauge.builder("mocks3.link.connections", link, LinkForwarder::openConnections)
          .description("Connections open through a network link").tag("link", link.name()).register(registry);
      for (Toxic.Kind kind : Toxic.Kind.values()) {
        Gauge.builder("mocks3.link.toxic", link, l -> l.toxic().kind() == kind ? 1 : 0)
            .description("1 for the toxic a network link applies now").tag("link", link.name())
            .tag("toxic", kind.name().toLowerCase(Locale.ROOT)).register(registry);
      }
    }
  }

  @Override
  public void close() {
    recheck.shutdownNow();
    links.values().forEach(LinkForwarder::close);
  }
}
