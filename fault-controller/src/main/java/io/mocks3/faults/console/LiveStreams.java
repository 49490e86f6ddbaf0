package io.mocks3.faults.console;

import io.mocks3.faults.JsonResponses;
import io.mocks3.faults.events.FaultEventLog;
import io.mocks3.faults.observe.Overview;
import io.mocks3.schemas.fault.FaultEvent;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for pages that change by themselves:
 * <ul>
 *   <li>{@code GET /api/v1/overview/stream} — event {@code overview} every 2 s, the body of {@code GET /api/v1/overview};
 *   <li>{@code GET /api/v1/events/stream} (filters service, rule, bucket, key as {@code GET /api/v1/events}) —
 *       event {@code fault} for each injection recorded after the stream opened.
 * </ul>
 * One timer computes each update once for every subscriber; a subscriber whose connection broke
 * is dropped at its next send, and an event stream with nothing to send gets a comment every
 * {@value #KEEP_ALIVE_SECONDS} s, so that a closed page is found out even when no fault happens.
 *
 * <p>The streams end when the application starts to stop, before the web server's graceful shutdown:
 * that waits for every open request, and a stream is one that never ends by itself (an open console
 * tab held the controller's stop until `down` killed it, 20 s later).
 */
@RestController
class LiveStreams implements SmartLifecycle, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
  private static final int EVENT_WINDOW = 2_000;
  private static final int KEEP_ALIVE_SECONDS = 15;
  private final Overview overview;
  private final FaultEventLog events;
  private final List<SseEmitter> overviewSubscribers = new CopyOnWriteArrayList<>();
  private final List<EventSubscriber> eventSubscribers = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private int quietTicks;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "console-streams");
    t.setDaemon(true);
    return t;
  });

  LiveStreams(Overview overview, FaultEventLog events) {
    this.overview = overview;
    this.events = events;
    timer.scheduleWithFixedDelay(this::sendOverview, 0, 2, TimeUnit.SECONDS);
    timer.scheduleWithFixedDelay(this::sendEvents, 1, 1, TimeUnit.SECONDS);
  }

  @GetMapping(value = "/api/v1/overview/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter overviewStream() {
    return subscribe(new SseEmitter(0L), overviewSubscribers::add, overviewSubscribers::remove);
  }

  @GetMapping(value = "/api/v1/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter eventStream(@RequestParam(required = false) String service, @RequestParam(required = false) String rule,
      @RequestParam(required = false) String bucket, @RequestParam(required = false) String key) {
    Predicate<FaultEvent> filter = e -> (rule == null || rule.equals(e.ruleId()))
        && (service == null || service.equals(e.service())) && e.subject().matches(bucket, key);
    List<FaultEvent> newest = events.events(e -> true, 1);
    EventSubscriber subscriber = new EventSubscriber(new SseEmitter(0L), filter, newest.isEmpty() ? null : newest.get(0));
    subscribe(subscriber.emitter, s -> eventSubscribers.add(subscriber), s -> eventSubscribers.remove(subscriber));
    return subscriber.emitter;
  }

  private static SseEmitter subscribe(SseEmitter emitter, java.util.function.Consumer<SseEmitter> add,
      java.util.function.Consumer<SseEmitter> remove) {
    emitter.onCompletion(() -> remove.accept(emitter));
    emitter.onError(e -> remove.accept(emitter));
    emitter.onTimeout(() -> remove.accept(emitter));
    add.accept(emitter);
    return emitter;
  }

  private void sendOverview() {
    if (overviewSubscribers.isEmpty()) {
      return;
    }
    try {
      String json = JsonResponses.json(HttpStatus.OK, overview.now()).getBody();
      overviewSubscribers.forEach(s -> send(s, "overview", json, () -> overviewSubscribers.remove(s)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.debug("overview not sent: {}", e.toString());
    }
  }

  private void sendEvents() {
    if (eventSubscribers.isEmpty()) {
      return;
    }
    try {
      List<FaultEvent> recent = events.events(e -> true, EVENT_WINDOW);
      boolean keepAlive = ++quietTicks >= KEEP_ALIVE_SECONDS;
      if (keepAlive) {
        quietTicks = 0;
      }
      for (EventSubscriber s : eventSubscribers) {
        Runnable broken = () -> eventSubscribers.remove(s);
        if (!s.deliver(recent, broken) && keepAlive) {
          keepAlive(s.emitter, broken);
        }
      }
    } catch (RuntimeException e) {
      log.debug("events not sent: {}", e.toString());
    }
  }

  private static void keepAlive(SseEmitter emitter, Runnable onBroken) {
    send(emitter, SseEmitter.event().comment("keep-alive"), onBroken);
  }

  private static void send(SseEmitter emitter, String name, String json, Runnable onBroken) {
    send(emitter, SseEmitter.event().name(name).data(json, MediaType.APPLICATION_JSON), onBroken);
  }

  private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event, Runnable onBroken) {
    try {
      emitter.send(event);
    } catch (IOException | IllegalStateException e) {
      onBroken.run();
      emitter.completeWithError(e);
    }
  }

  /** A stream of fault events: what it wants, and the last event it was sent (by identity: the log keeps the objects). */
  private static final class EventSubscriber {
    final SseEmitter emitter;
    final Predicate<FaultEvent> filter;
    FaultEvent last;

    EventSubscriber(SseEmitter emitter, Predicate<FaultEvent> filter, FaultEvent last) {
      this.emitter = emitter;
      this.filter = filter;
      this.last = last;
    }

    /** Sends the events after the last one sent that the filter takes; whether it sent any. */
    boolean deliver(List<FaultEvent> recent, Runnable onBroken) {
      boolean sent = false;
      int from = 0;
      for (int i = recent.size() - 1; i >= 0; i--) {
        if (recent.get(i) == last) {
          from = i + 1;
          break;
        }
      }
      for (FaultEvent e : recent.subList(from, recent.size())) {
        if (filter.test(e)) {
          send(emitter, "fault", JsonResponses.json(HttpStatus.OK, e).getBody(), onBroken);
          sent = true;
        }
      }
      if (!recent.isEmpty()) {
        last = recent.get(recent.size() - 1);
      }
      return sent;
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /** Ends every open stream; called before the web server waits for its open requests to finish. */
  @Override
  public void stop() {
    running = false;
    close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    overviewSubscribers.forEach(SseEmitter::complete);
    eventSubscribers.forEach(s -> s.emitter.complete());
  }
}
