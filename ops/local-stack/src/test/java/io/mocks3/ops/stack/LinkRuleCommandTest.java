package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import io.mocks3.schemas.Json;

/** {@code ops/mocks3 rule add link_*}: a network-link rule as the README shows it. */
class LinkRuleCommandTest {
  private static RuleCommand.Add parsed(String... args) {
    CommandLine.ParseResult result = new CommandLine(new LocalStack()).parseArgs(args);
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return (RuleCommand.Add) result.commandSpec().userObject();
  }

  @Test
  void aPartitionOfNode2FromKafkaIsABlackholeOnItsKafkaLink() throws Exception {
    JsonNode rule = Json.mapper().readTree(parsed("rule", "add", "link_blackhole", "--service", "storage-node",
        "--instance", "node-2", "--link", "kafka", "--direction", "upstream", "--ttl", "60s").rule().toJson());
    assertThat(rule.path("action").toString()).isEqualTo("{\"type\":\"link_blackhole\",\"direction\":\"upstream\"}");
    assertThat(rule.path("conditions").toString())
        .isEqualTo("[{\"type\":\"link\",\"value\":\"kafka\"},{\"type\":\"instance\",\"value\":\"node-2\"}]");
    assertThat(rule.path("ttl").asString()).isEqualTo("60000ms");
  }

  @Test
  void latencyTakesItsDelayAndJitter() throws Exception {
    JsonNode rule = Json.mapper().readTree(parsed("rule", "add", "link_latency", "--service", "gateway", "--link",
        "postgres,redis", "--delay", "200ms", "--jitter", "50ms").rule().toJson());
    assertThat(rule.path("action").toString())
        .isEqualTo("{\"type\":\"link_latency\",\"delay\":\"200ms\",\"jitter\":\"50ms\"}");
    assertThat(rule.path("conditions").get(0).path("value").asString()).isEqualTo("postgres,redis");
  }
}
