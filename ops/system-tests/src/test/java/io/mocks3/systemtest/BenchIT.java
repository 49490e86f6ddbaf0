package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import io.mocks3.ops.stack.StackLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import io.mocks3.schemas.Json;

/**
 * The load generator as users run it ({@code java -jar ops/bench/target/bench.jar}), on a short
 * bounded run against the test stack: every operation kind and a multipart size succeed, the JSON
 * holds one row per workload, target and operation, the inactive rules it installs are gone
 * afterwards, and so is everything it wrote.
 */
@ExtendWith(LocalStackExtension.class)
class BenchIT {
  private static final int COUNT = 12;

  @Test
  void aBoundedRunAgainstTwoTargetsCountsEveryOperationAndCleansUp(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bench.json");
    String gateway = LocalStackExtension.gateway().toString();
    String out = bench("--target", "strong=" + gateway + ",x-mocks3-consistency:strong",
        "--target", "rules=" + gateway + ",rules=5",
        "--controller", LocalStackExtension.layout().url(StackLayout.FAULTS),
        "--workload", "put:4KiB:2", "--workload", "get:4KiB:2", "--workload", "head:1KiB:2",
        "--workload", "delete:1KiB:2", "--workload", "list:50:2", "--workload", "mixed:16KiB:4",
        // The SDK client for the multipart upload (objects above --part-size); plain HTTP for the rest.
        "--workload", "put:6MiB:1:sdk", "--part-size", "5MiB",
        "--bootstrap", LocalStackExtension.layout().kafkaBootstrap(),
        "--count", String.valueOf(COUNT), "--rounds", "1", "--warmup", "0s", "--progress", "0",
        "--bucket", "bench-it", "--json", json.toString());
    assertThat(out).contains("== PUT 4 KiB, 2 clients", "ratio to rules (throughput, p50):",
        "target strong: " + gateway + ", served in strong consistency", "consistency served: strong strong, rules strong");

    JsonNode report = Json.mapper().readTree(json.toFile());
    List<String> totals = new ArrayList<>();
    for (JsonNode row : report.get("rows")) {
      assertThat(row.get("errors").asLong()).as(row.toString()).isZero();
      if (row.get("workload").asString().startsWith(row.get("operation").asString())) {
        assertThat(row.get("ops").asLong()).as(row.toString()).isEqualTo(COUNT);
        assertThat(row.get("p50Ms").asDouble()).isPositive();
        totals.add(row.get("target").asString() + " " + row.get("workload").asString());
      }
    }
    assertThat(totals).hasSize(2 * 7).contains("strong PUT 6 MiB, 1 client (sdk)", "rules MIXED 16 KiB, 4 clients (http)");
    assertThat(report.get("ratios")).hasSize(7);
    assertThat(report.get("targets")).extracting(t -> t.get("consistency").asString()).containsExactly("strong", "strong");
    // The projector's lag, read from the stack's broker around every round, and drained after each.
    assertThat(report.get("projectorLag")).isNotEmpty().allSatisfy(lag -> assertThat(lag.get("drained").asBoolean()).as(lag.toString()).isTrue());

    assertThat(FaultControl.call("GET", "/api/v1/rules", null).body()).doesNotContain("bench-inactive");
    try (S3Client s3 = Clients.s3()) {
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> s3.headBucket(b -> b.bucket("bench-it"))))
          .isInstanceOf(NoSuchBucketException.class);
    }
  }

  private static String bench(String... args) throws Exception {
    Path jar = LocalStackExtension.layout().repo().resolve("ops/bench/target/bench.jar");
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(Files.exists(jar)).isTrue();
    return out;
  }
}
