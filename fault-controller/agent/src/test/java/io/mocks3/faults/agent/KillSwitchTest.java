package io.mocks3.faults.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kill switch ends every fault at once: delays in flight wake, and expired chaos is dropped like an expired rule. */
class KillSwitchTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  private static FaultRule delay(String delay) {
    Action action = new Action("delay", null, null, null, delay, null, null, null);
    return new FaultRule("slow", "slow", null, "gateway", true, List.of(), action, null, null, null, null, NOW, null);
  }

  private static FaultTarget request() {
    return new FaultTarget("api-gateway", "http", "GetObject", "b", "k", Map.<String, String>of()::get, "GET /b/k");
  }

  @Test
  void givenRequestsHeldByA30sDelay_WhenTheKillSwitchIsEngaged_ThenEveryOneWakesWithinASecond() {
    RuleBook book = new RuleBook();
    book.put("slow", delay("30s"));
    FaultAgent agent = new FaultAgent("gateway", book, null, null, Clock.systemUTC());
    AtomicInteger entered = new AtomicInteger();
    List<CompletableFuture<Void>> held = java.util.stream.IntStream.range(0, 4).mapToObj(i -> CompletableFuture.runAsync(() -> {
      entered.incrementAndGet();
      agent.apply(request());
    }, threads)).toList();
    await().atMost(Duration.ofSeconds(5)).until(() -> entered.get() == 4);
    assertThat(held).noneMatch(CompletableFuture::isDone);

    long engaged = System.nanoTime();
    book.killSwitch(true);
    CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).orTimeout(1, TimeUnit.SECONDS).join();

    assertThat(Duration.ofNanos(System.nanoTime() - engaged)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void whileTheKillSwitchIsEngagedNothingWaitsAndAfterItIsReleasedDelaysWaitAgain() throws InterruptedException {
    RuleBook book = new RuleBook();
    book.killSwitch(true);
    assertThat(book.awaitKillSwitch(Duration.ofSeconds(30))).isTrue();
    book.killSwitch(false);
    long start = System.nanoTime();
    assertThat(book.awaitKillSwitch(Duration.ofMillis(200))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void listenersHearEachChangeOfTheKillSwitchOnce() {
    RuleBook book = new RuleBook();
    List<Boolean> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    book.onKillSwitch(heard::add);
    book.killSwitch(false);
    book.killSwitch(true);
    book.killSwitch(true);
    book.killSwitch(false);
    assertThat(heard).containsExactly(true, false);
  }

  @Test
  void aChaosTopicPastItsExpiryIsDroppedLikeAnExpiredRule() {
    RuleBook book = new RuleBook();
    ChaosTopic lossy = new ChaosTopic("mocks3.commands", 1.0, null, null, null, null, null, null, 1L, NOW, null, null,
        "10s", NOW.plusSeconds(10));
    book.chaos().put("mocks3.commands", lossy);

    assertThat(book.verdict("mocks3.commands", "projector", "b", NOW.plusSeconds(9)).fate()).isEqualTo(StreamChaos.Fate.LOSE);
    assertThat(book.verdict("mocks3.commands", "projector", "b", NOW.plusSeconds(10)).fate()).isEqualTo(StreamChaos.Fate.PASS);
    assertThat(book.chaos().get("mocks3.commands")).isEmpty();
  }

  @Test
  void aChaosTopicWithoutExpiryStaysUntilDeleted() {
    RuleBook book = new RuleBook();
    book.chaos().put("mocks3.commands", new ChaosTopic("mocks3.commands", 1.0, null, null, null, null, null, null, 1L, NOW));
    assertThat(book.verdict("mocks3.commands", "projector", "b", NOW.plus(Duration.ofDays(365))).fate())
        .isEqualTo(StreamChaos.Fate.LOSE);
  }

  @Test
  void aTtlBecomesAnExpiryWhenTheChaosIsCreated() {
    ChaosTopic posted = new ChaosTopic("x", 0.1, null, null, null, null, null, null, null, null, null, null, "1.5s", null);
    ChaosTopic created = posted.on("mocks3.commands", NOW);
    assertThat(created.expiresAt()).isEqualTo(NOW.plusMillis(1500));
    assertThat(created.expired(NOW.plusMillis(1499))).isFalse();
    assertThat(created.expired(NOW.plusMillis(1500))).isTrue();
    assertThat(created.until(NOW.plusSeconds(60)).expiresAt()).isEqualTo(NOW.plusSeconds(60));
  }
}
