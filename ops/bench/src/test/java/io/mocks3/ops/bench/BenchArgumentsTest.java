package io.mocks3.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How users write targets, workloads, sizes and durations, and what a mistake tells them. */
class BenchArgumentsTest {

  @Test
  void aTargetHasANameAnEndpointHeadersAndInactiveRules() {
    Target t = Target.parse("eventual=http://localhost:8080,x-mocks3-consistency:eventual,rules=100");
    assertThat(t).isEqualTo(new Target("eventual", URI.create("http://localhost:8080"),
        Map.of("x-mocks3-consistency", "eventual"), 100));
    assertThat(Target.parse("peer=http://127.0.0.1:9390").headers()).isEmpty();
    assertThatThrownBy(() -> Target.parse("http://localhost:8080")).hasMessageContaining("name=url");
    assertThatThrownBy(() -> Target.parse("x=localhost")).hasMessageContaining("not an endpoint URL");
    assertThatThrownBy(() -> Target.parse("x=http://h:1,oops")).hasMessageContaining("neither header:value nor rules=N");
  }

  @Test
  void aWorkloadIsOperationSizeAndClients() {
    assertThat(Workload.parse("put:4KiB:16")).isEqualTo(new Workload(Operation.PUT, 4096, 16, null));
    assertThat(Workload.parse("get:64MiB:2:sdk")).isEqualTo(new Workload(Operation.GET, 64L << 20, 2, ClientKind.SDK));
    assertThat(Workload.parse("list:1000:4")).isEqualTo(new Workload(Operation.LIST, 1000, 4, null));
    assertThat(Workload.parse("list-dirs:1000:1:http").operation()).isEqualTo(Operation.LIST_DIRS);
    assertThat(Workload.parse("list:1000:4").label()).isEqualTo("LIST 1000 keys, 4 clients");
    assertThat(Workload.parse("put:1MiB:1").withClient(ClientKind.HTTP).label()).isEqualTo("PUT 1 MiB, 1 client (http)");
    assertThat(Workload.parse("put:1MiB:1:sdk").withClient(ClientKind.HTTP).client()).isEqualTo(ClientKind.SDK);
    assertThatThrownBy(() -> Workload.parse("list:5000:1")).hasMessageContaining("at most 1000");
    assertThatThrownBy(() -> Workload.parse("list-page:2000:1")).hasMessageContaining("at most 1000");
    assertThatThrownBy(() -> Workload.parse("put:4KiB:1:curl")).hasMessageContaining("unknown client 'curl'");
    assertThatThrownBy(() -> Workload.parse("put:4KiB")).hasMessageContaining("op:size:clients");
    assertThatThrownBy(() -> Workload.parse("put:4KiB:0")).hasMessageContaining("positive");
    assertThatThrownBy(() -> Workload.parse("copy:4KiB:1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sizesAndDurationsReadAsWritten() {
    assertThat(Sizes.parse("4096")).isEqualTo(4096);
    assertThat(Sizes.parse("4kib")).isEqualTo(4096);
    assertThat(Sizes.parse("1MB")).isEqualTo(1_000_000);
    assertThat(Sizes.format(8L << 20)).isEqualTo("8 MiB");
    assertThat(Sizes.format(1500)).isEqualTo("1500 B");
    assertThatThrownBy(() -> Sizes.parse("lots")).hasMessageContaining("not a size");

    Converters.DurationConverter durations = new Converters.DurationConverter();
    assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(durations.convert("10")).isEqualTo(Duration.ofSeconds(10));
    assertThat(durations.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> durations.convert("soon")).hasMessageContaining("not a duration");
  }

  /** Refused before any request (the SDK's own refusal came as a stack trace from the first one), with exit code 2. */
  @Test
  void aBucketThatIsNoBucketNameIsRefusedByName() {
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cli = new CommandLine(new Bench()).setErr(new java.io.PrintWriter(err));
    assertThat(cli.execute("--bucket", "rp", "--target", "x=http://127.0.0.1:9", "--bootstrap", "none")).isEqualTo(2);
    assertThat(err.toString()).startsWith("--bucket: 'rp' is not a bucket name");
  }

  @Test
  void suitesComeFirstAndEveryWorkloadGetsTheDefaultClientUnlessItNamesOne() {
    Bench bench = new Bench();
    new CommandLine(bench).parseArgs("--suite", "headline", "--workload", "get:4KiB:16:sdk", "--client", "http");
    assertThat(bench.plan()).containsExactly(new Workload(Operation.PUT, 4096, 1, ClientKind.HTTP),
        new Workload(Operation.PUT, 4096, 16, ClientKind.HTTP), new Workload(Operation.GET, 4096, 16, ClientKind.SDK));
    Bench scale = new Bench();
    new CommandLine(scale).parseArgs("--suite", "scale", "--client", "sdk");
    assertThat(scale.plan()).extracting(Workload::operation)
        .containsExactly(Operation.PUT, Operation.GET, Operation.LIST_PAGE, Operation.LIST_DIRS);
    assertThat(scale.plan()).extracting(Workload::client).containsOnly(ClientKind.SDK);
  }

  @Test
  void preloadedKeysFillAThousandDirectories() {
    KeyLayout million = KeyLayout.preload(1_000_000);
    assertThat(million.key(0)).isEqualTo("preload/000/0000000");
    assertThat(million.key(1001)).isEqualTo("preload/001/0001001");
    assertThat(million.lastKey()).isEqualTo("preload/999/0999999");
    assertThat(million.directories()).isEqualTo(1000);
    assertThat(KeyLayout.preload(50).directories()).isEqualTo(50);
  }

  @Test
  void aBaselineThatNamesNoTargetIsAUsageError() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new Bench()).setErr(new PrintWriter(err))
        .execute("--target", "a=http://localhost:1", "--baseline", "b", "--count", "1", "--bootstrap", "none");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("no target is named 'b'");
  }

  @Test
  void aMalformedWorkloadIsAUsageErrorNamingTheOption() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new Bench()).setErr(new PrintWriter(err)).execute("--workload", "list:5000:1");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--workload", "at most 1000");
  }
}
