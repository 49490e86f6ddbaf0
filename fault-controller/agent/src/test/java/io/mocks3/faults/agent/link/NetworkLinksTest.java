package io.mocks3.faults.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mocks3.faults.agent.RuleBook;
import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.Condition;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.fault.FaultRule;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Link rules put toxics on the links they name, and a rule's end, its TTL or the kill switch heal them. */
class NetworkLinksTest {
  private EchoServer kafka;
  private EchoServer redis;
  private NetworkLinks links;
  private final RuleBook book = new RuleBook("node-2");
  private final List<FaultEvent> events = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  @BeforeEach
  void open() throws IOException {
    kafka = new EchoServer();
    redis = new EchoServer();
    links = NetworkLinks.open(Map.of(
        "kafka", new LinkSettings(0, "127.0.0.1:" + kafka.address().getPort()),
        "redis", new LinkSettings(0, "127.0.0.1:" + redis.address().getPort())));
    links.bindTo(metrics);
    links.follow(book, "storage-node", "node-2", events::add, Clock.systemUTC());
  }

  @AfterEach
  void close() throws IOException {
    links.close();
    kafka.close();
    redis.close();
  }

  private static FaultRule rule(String id, Action action, Instant expiresAt, Condition... conditions) {
    return new FaultRule(id, id, null, "storage-node", true, List.of(conditions), action, null, null, "network_partition",
        null, Instant.now(), expiresAt);
  }

  private static Action blackhole(String direction) {
    return new Action("link_blackhole", null, null, null, null, null, null, null, null, direction);
  }

  private Toxic.Kind toxic(String link) {
    return links.link(link).orElseThrow().toxic().kind();
  }

  @Test
  void givenABlackholeOnNode2sKafkaLink_ThenOnlyThatLinkIsCut_AndRemovingTheRuleHealsIt() {
    book.put("cut", rule("cut", blackhole("upstream"), null, new Condition("instance", "node-2", null, null, null),
        new Condition("link", "kafka", null, null, null)));
    assertThat(toxic("kafka")).isEqualTo(Toxic.Kind.BLACKHOLE);
    assertThat(links.link("kafka").orElseThrow().toxic().direction()).isEqualTo(Direction.UPSTREAM);
    assertThat(toxic("redis")).isEqualTo(Toxic.Kind.NONE);
    assertThat(metrics.get("mocks3.link.toxic").tags("link", "kafka", "toxic", "blackhole").gauge().value()).isEqualTo(1);
    book.put("cut", null);
    assertThat(toxic("kafka")).isEqualTo(Toxic.Kind.NONE);
    assertThat(events).extracting(FaultEvent::action).containsExactly("link_blackhole", NetworkLinks.HEAL);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.ruleId()).isEqualTo("cut");
      assertThat(e.service()).isEqualTo("node-2");
      assertThat(e.point()).isEqualTo("link");
      assertThat(e.operation()).isEqualTo("kafka");
    });
    assertThat(events.get(0).detail()).isEqualTo("blackhole upstream");
  }

  @Test
  void givenARuleForAnotherInstanceOrService_ThenNoLinkChanges() {
    book.put("other", rule("other", blackhole(null), null, new Condition("instance", "node-1", null, null, null)));
    book.put("gateway", new FaultRule("gateway", "gateway", null, "gateway", true, List.of(), blackhole(null), null, null,
        null, null, Instant.now(), null));
    assertThat(toxic("kafka")).isEqualTo(Toxic.Kind.NONE);
    assertThat(toxic("redis")).isEqualTo(Toxic.Kind.NONE);
    assertThat(events).isEmpty();
  }

  @Test
  void givenARuleWithoutALinkCondition_ThenEveryLinkOfTheProcessIsCut_AndTheKillSwitchHealsThemAtOnce() {
    book.put("all", rule("all", new Action("link_reset", null, null, null, null, null, null, null), null));
    assertThat(toxic("kafka")).isEqualTo(Toxic.Kind.RESET);
    assertThat(toxic("redis")).isEqualTo(Toxic.Kind.RESET);
    book.killSwitch(true);
    assertThat(toxic("kafka")).isEqualTo(Toxic.Kind.NONE);
    assertThat(toxic("redis")).isEqualTo(Toxic.Kind.NONE);
    book.killSwitch(false);
    assertThat(toxic("kafka")).isEqualTo(Toxic.Kind.RESET);
  }

  @Test
  void givenARuleThatExpires_ThenTheLinkHealsByItselfWithinASecondOfItsEnd() {
    Instant expires = Instant.now().plusMillis(300);
    book.put("short", rule("short", new Action("link_latency", null, null, null, "200ms", null, null, null, "50ms", null),
        expires, new Condition("link", "redis", null, null, null)));
    assertThat(links.link("redis").orElseThrow().toxic().describe()).isEqualTo("latency 200ms ±50ms both");
    await().atMost(Duration.ofSeconds(2)).until(() -> toxic("redis") == Toxic.Kind.NONE);
    assertThat(Instant.now()).isBefore(expires.plusSeconds(1));
    assertThat(events).extracting(FaultEvent::action).containsExactly("link_latency", NetworkLinks.HEAL);
  }

  @Test
  void givenARuleWhoseTimeWindowOpensLater_ThenTheLinkIsCutByItselfWithinASecondOfItsStart() {
    Instant opens = Instant.now().plusMillis(300);
    book.put("later", rule("later", blackhole(null), null, new Condition("link", "kafka", null, null, null),
        new Condition("time_window", null, null, opens.toString(), null)));
    assertThat(toxic("kafka")).isEqualTo(Toxic.Kind.NONE);
    await().atMost(Duration.ofSeconds(2)).until(() -> toxic("kafka") == Toxic.Kind.BLACKHOLE);
    assertThat(Instant.now()).isBefore(opens.plusSeconds(1));
  }

  @Test
  void givenALinkRule_ThenRequestPointsNeverFireIt() {
    book.put("cut", rule("cut", blackhole(null), null));
    var target = new io.mocks3.faults.agent.FaultTarget("storage-node", "http", "GetBlob", null, null, null, "GET /blobs/x");
    assertThat(book.decide(target, Instant.now())).isEmpty();
  }
}
