package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.client.MockS3Control;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ops/mocks3} as a shell user runs it (a process, the launcher jar the build made): a rule and a
 * chaos setting added, seen at work, listed and removed without JSON; bad arguments exit 2 and a
 * refusal of the control plane exits 1 with its message.
 */
@ExtendWith(LocalStackExtension.class)
class ControlCliIT {
  private static final Path SCRIPT = Path.of(System.getProperty("mocks3.repo", "../..")).resolve("ops/mocks3");
  private final MockS3Control mocks3 = FaultControl.mocks3();
  private String bucket;

  private record Result(int exit, String out, String err) {}

  private static Result cli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("MOCKS3_PORT_OFFSET", String.valueOf(LocalStackExtension.PORT_OFFSET));
    pb.environment().remove("MOCKS3_CONTROL_URL");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ops/mocks3 %s finished", String.join(" ", args)).isTrue();
    return new Result(p.exitValue(), out, err);
  }

  private static String ok(String... args) throws Exception {
    Result r = cli(args);
    assertThat(r.exit()).as("ops/mocks3 %s: %s%s", String.join(" ", args), r.out(), r.err()).isZero();
    return r.out();
  }

  @BeforeEach
  void bucket() throws Exception {
    bucket = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    assertThat(Clients.http("PUT", "/" + bucket + "/k", "v".getBytes()).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void calm() {
    mocks3.reset();
  }

  @Test
  void aRuleIsAddedSeenAtWorkListedAndRemoved() throws Exception {
    String added = ok("rule", "add", "http_error", "--status", "503", "--error-code", "SlowDown", "--service", "gateway",
        "--on", "GetObject", "--bucket", bucket, "--first-n", "1");
    Matcher id = Pattern.compile("^rule (\\S+) \\(http_error 503\\): http_error at gateway, when operation GetObject, bucket "
        + Pattern.quote(bucket) + ", first_n 1").matcher(added);
    assertThat(id.find()).as(added).isTrue();

    // In force when the command returned: the very next request is hit.
    assertThat(Clients.http("GET", "/" + bucket + "/k", null).body()).contains("<Code>SlowDown</Code>");
    assertThat(ok("rule", "list")).contains(id.group(1));
    assertThat(ok("rule", "list", "--json")).contains("\"id\" : \"" + id.group(1) + "\"");
    await().atMost(Duration.ofSeconds(5)).until(() -> ok("events", "--rule", id.group(1)).contains("http_error"));
    assertThat(ok("events", "--bucket", bucket, "--json")).contains("\"ruleId\" : \"" + id.group(1) + "\"");
    assertThat(ok("rule", "remove", id.group(1))).isEqualTo("removed rule " + id.group(1) + "\n");
    assertThat(ok("rule", "list")).doesNotContain(id.group(1));
  }

  @Test
  void aChaosSettingIsAppliedShownAndCleared() throws Exception {
    assertThat(ok("chaos", "set", "mocks3.commands", "--duplicate", "1", "--key", bucket, "--seed", "7"))
        .isEqualTo("mocks3.commands: duplicate 100%, key " + bucket + ", seed 7\n");
    assertThat(Clients.http("PUT", "/" + bucket + "/twice", "x".getBytes()).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> ok("events", "--rule", "chaos:mocks3.commands", "--bucket", bucket)
        .contains("duplicate"));
    assertThat(ok("chaos", "show", "--json")).contains("\"duplicate_rate\" : 1.0", "\"key_filter\" : \"" + bucket + "\"");
    assertThat(ok("chaos", "clear", "mocks3.commands")).isEqualTo("no chaos on mocks3.commands\n");
    assertThat(ok("chaos", "show")).isEqualTo("no chaos\n");
  }

  @Test
  void badArgumentsExit2AndARefusalExits1WithTheServersMessage() throws Exception {
    Result bad = cli("chaos", "set", "mocks3.commands", "--loss", "2");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--loss is a probability from 0 to 1");
    assertThat(cli("rule", "add", "explode").exit()).isEqualTo(2);

    Result refused = cli("chaos", "set", "mocks3.fault-events", "--loss", "0.1");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).startsWith("mocks3: PUT /api/v1/chaos/topics/mocks3.fault-events: 400 invalid chaos configuration");
    assertThat(ok("help")).contains("ops/mocks3 rule add http_error");
  }
}
