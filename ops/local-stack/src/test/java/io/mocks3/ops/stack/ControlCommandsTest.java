package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.mocks3.client.Chaos;
import io.mocks3.client.MockS3Control;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import io.mocks3.schemas.Json;

/** The control-plane commands' arguments: what they send, and what they refuse (exit 2) before sending anything. */
class ControlCommandsTest {
  private static final ObjectMapper JSON = Json.mapper();

  /** Parses {@code args} and answers the leaf command object (nothing is executed). */
  @SuppressWarnings("unchecked")
  private static <T> T parsed(String... args) {
    CommandLine.ParseResult result = new CommandLine(new LocalStack()).parseArgs(args);
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return (T) result.commandSpec().userObject();
  }

  private record Exit(int code, String err) {}

  /** Runs the command line as ops/mocks3 does, against a port offset where nothing listens. */
  private static Exit run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = LocalStack.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    String[] all = new String[args.length + 2];
    all[0] = "--port-offset";
    all[1] = "31000";
    System.arraycopy(args, 0, all, 2, args.length);
    return new Exit(cli.execute(all), err.toString());
  }

  @Test
  void ruleAddSendsTheActionItsFieldsAndEveryCondition() throws Exception {
    RuleCommand.Add add = parsed("rule", "add", "http-error", "--status", "503", "--error-code", "SlowDown", "--service", "gateway",
        "--on", "PutObject,GetObject", "--bucket", "photos", "--key-prefix", "raw/", "--header", "x-test=1", "--probability", "0.5",
        "--first-n", "3", "--ttl", "5m", "--seed", "7", "--disabled");

    JsonNode rule = JSON.readTree(add.rule().toJson());

    assertThat(rule.path("action").toString()).isEqualTo("{\"type\":\"http_error\",\"http_code\":503,\"error_code\":\"SlowDown\"}");
    assertThat(rule.path("service").asString()).isEqualTo("gateway");
    assertThat(rule.path("conditions").toString()).isEqualTo("[{\"type\":\"operation\",\"value\":\"PutObject,GetObject\"},"
        + "{\"type\":\"bucket\",\"value\":\"photos\"},{\"type\":\"key_prefix\",\"value\":\"raw/\"},"
        + "{\"type\":\"header\",\"name\":\"x-test\",\"value\":\"1\"},{\"type\":\"probability\",\"value\":0.5},"
        + "{\"type\":\"first_n\",\"value\":3}]");
    assertThat(rule.path("ttl").asString()).isEqualTo("300000ms");
    assertThat(rule.path("seed").asLong()).isEqualTo(7);
    assertThat(rule.path("enabled").asBoolean()).isFalse();
  }

  @Test
  void aDelayRuleTakesItsDurationAsTheControlPlaneWritesIt() throws Exception {
    RuleCommand.Add add = parsed("rule", "add", "delay", "--delay", "1500ms", "--service", "metadata-db");
    assertThat(JSON.readTree(add.rule().toJson()).path("action").toString()).isEqualTo("{\"type\":\"delay\",\"delay\":\"1500ms\"}");
  }

  @Test
  void chaosSetSendsTheRatesAndFilters() throws Exception {
    ChaosCommand.Set set = parsed("chaos", "set", "mocks3.commands", "--loss", "0.05", "--duplicate", "0.02", "--delay", "800ms",
        "--delay-rate", "0.5", "--key", "photos", "--seed", "7");
    Chaos chaos = set.settings(Chaos.on("mocks3.commands"));
    assertThat(JSON.readTree(chaos.toJson())).isEqualTo(JSON.readTree(
        "{\"loss_rate\":0.05,\"duplicate_rate\":0.02,\"delay\":\"800ms\",\"delay_rate\":0.5,\"key_filter\":\"photos\",\"seed\":7}"));
  }

  @Test
  void aRunsChaosIsWrittenAsSettingsOrAsTheOlderJson() throws Exception {
    RunCommand.Start start = parsed("run", "start", "upload", "--seed", "7", "--chaos", "mocks3.commands:loss=0.1,key=photos",
        "--chaos", "mocks3.blobs:{\"duplicate_rate\":0.2}", "--expect", "lost_acknowledged_writes=0", "--settle", "3s");
    JsonNode spec = JSON.readTree(start.spec().toJson());
    assertThat(spec.path("chaos").toString()).isEqualTo("[{\"loss_rate\":0.1,\"key_filter\":\"photos\",\"topic\":\"mocks3.commands\"},"
        + "{\"duplicate_rate\":0.2,\"topic\":\"mocks3.blobs\"}]");
    assertThat(spec.path("expectations").toString()).isEqualTo("{\"lost_acknowledged_writes\":0.0}");
    assertThat(spec.path("settle").asString()).isEqualTo("3000ms");
    assertThat(spec.path("seed").asLong()).isEqualTo(7);
  }

  @Test
  void chaosSettingsNameWhatIsWrong() {
    assertThatThrownBy(() -> ChaosArguments.topicAndSettings("mocks3.commands:lose=0.1"))
        .hasMessage("unknown chaos setting \"lose\"; known: " + ChaosArguments.NAMES);
    assertThatThrownBy(() -> ChaosArguments.topicAndSettings("mocks3.commands:loss=2")).hasMessageContaining("loss is a probability");
    assertThatThrownBy(() -> ChaosArguments.topicAndSettings("loss=0.1")).hasMessageContaining("TOPIC:SETTINGS");
    assertThatThrownBy(() -> ChaosArguments.topicAndSettings("mocks3.commands:delay=soon")).hasMessageStartingWith("delay: ");
  }

  @Test
  void badArgumentsExit2WithAClearMessageBeforeAnythingIsSent() {
    List<List<String>> bad = List.of(
        List.of("rule", "add", "explode"),
        List.of("rule", "add", "http_error"),
        List.of("rule", "add", "delay", "--delay", "30 sec"),
        List.of("rule", "frobnicate"),
        List.of("chaos", "set", "mocks3.commands"),
        List.of("chaos", "set", "mocks3.commands", "--loss", "1.5"),
        List.of("chaos", "clear"),
        List.of("chaos", "poison", "mocks3.commands", "--count", "0"),
        List.of("run", "start", "x", "--chaos", "mocks3.commands:lose=0.1"),
        List.of("run", "start", "x", "--expect", "lost_acknowledged_writes"),
        List.of("run", "stop"),
        List.of("kill-switch", "toggle"),
        List.of("events", "-n", "-1"),
        List.of("dlq", "show"),
        List.of("dlq", "redrive", "mocks3.commands.dlq", "--partition", "0"));
    for (List<String> args : bad) {
      Exit exit = run(args.toArray(String[]::new));
      assertThat(exit.code()).as("%s: %s", args, exit.err()).isEqualTo(2);
      assertThat(exit.err()).as("%s", args).isNotBlank().doesNotContain("Exception");
    }
    assertThat(run("rule", "add", "explode").err()).contains("unknown action \"explode\"; use one of [bit_rot, cache_miss");
    assertThat(run("rule", "add", "delay", "--delay", "30 sec").err()).contains("not a duration: \"30 sec\"");
  }

  @Test
  void aControlPlaneThatCannotBeReachedExits1Saying() {
    Exit exit = run("kill-switch");
    assertThat(exit.code()).isEqualTo(1);
    assertThat(exit.err()).startsWith("mocks3: GET http://localhost:39085/api/v1/kill-switch failed").contains("is the fault controller running?");
  }

  @Test
  void helpListsEveryCommandWithAnExample() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertThat(LocalStack.commandLine().execute("help")).isZero();
    } finally {
      System.setOut(original);
    }
    String help = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    for (String command : new CommandLine(new LocalStack()).getSubcommands().keySet()) {
      assertThat(help).as(command).containsPattern("ops/mocks3 " + command + "\\b|\\n\\s+" + command + "\\b");
    }
    assertThat(help).contains("ops/mocks3 rule add http_error", "ops/mocks3 chaos set mocks3.commands", "ops/mocks3 kill-switch engage",
        "ops/mocks3 events --bucket", "ops/mocks3 run start", "ops/mocks3 scenario start", "ops/mocks3 dlq show");
  }

  @Test
  void theClientsLocalPortsAreTheStacks() {
    assertThat(MockS3Control.LOCAL_CONTROL_PORT).isEqualTo(StackLayout.FAULTS);
    assertThat(MockS3Control.LOCAL_AGENT_PORTS).containsExactly(StackLayout.GATEWAY, StackLayout.PROJECTOR, StackLayout.STORAGE_1,
        StackLayout.STORAGE_2, StackLayout.TASKS);
  }
}
