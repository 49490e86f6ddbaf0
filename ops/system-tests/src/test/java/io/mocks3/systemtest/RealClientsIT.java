package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real S3 clients from Debian's packages (old ones, as real users have): boto3, s3cmd, rclone.
 * .ci/run installs them; each test is skipped where its client is absent.
 */
@ExtendWith(LocalStackExtension.class)
class RealClientsIT {
  private static String endpoint() {
    return LocalStackExtension.gateway().toString();
  }

  @Test
  void debianBoto3(@TempDir Path dir) throws Exception {
    assumeTrue(run(List.of("/usr/bin/python3", "-c", "import boto3"), Map.of()).exit() == 0, "python3-boto3 is not installed");
    Path script = dir.resolve("boto3_check.py");
    try (InputStream in = RealClientsIT.class.getResourceAsStream("/boto3_check.py")) {
      Files.copy(in, script);
    }
    Result r = run(List.of("/usr/bin/python3", script.toString(), endpoint(), dir.toString()), Map.of());
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("ok");
  }

  @Test
  void s3cmd(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/s3cmd")), "s3cmd is not installed");
    String hostPort = LocalStackExtension.gateway().getAuthority();
    Path config = Files.writeString(dir.resolve("s3cfg"), String.join("\n", "[default]", "access_key = test",
        "secret_key = test", "host_base = " + hostPort, "host_bucket = " + hostPort, "use_https = False", ""));
    byte[] bytes = randomBytes(21 * 1024 * 1024);
    Path file = Files.write(dir.resolve("big.bin"), bytes);
    s3cmd(config, "mb", "s3://s3cmd-check");
    s3cmd(config, "put", file.toString(), "s3://s3cmd-check/dir/big.bin");
    assertThat(s3cmd(config, "ls", "s3://s3cmd-check/dir/")).contains(String.valueOf(bytes.length), "s3://s3cmd-check/dir/big.bin");
    s3cmd(config, "get", "--force", "s3://s3cmd-check/dir/big.bin", dir.resolve("back.bin").toString());
    assertThat(Files.readAllBytes(dir.resolve("back.bin"))).isEqualTo(bytes);
    s3cmd(config, "del", "s3://s3cmd-check/dir/big.bin");
    assertThat(s3cmd(config, "ls", "s3://s3cmd-check/dir/")).doesNotContain("big.bin");
  }

  @Test
  void rcloneSyncsATreeUpAndBackByteIdentical(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/rclone")), "rclone is not installed");
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("a/b"));
    Files.createDirectories(tree.resolve("odd names"));
    Files.write(tree.resolve("a/b/one.bin"), randomBytes(300_000));
    Files.write(tree.resolve("a/two.txt"), "two".getBytes(StandardCharsets.UTF_8));
    Files.write(tree.resolve("odd names/plus+percent%20 and space.txt"), randomBytes(777));
    Files.write(tree.resolve("big.bin"), randomBytes(12 * 1024 * 1024));
    Files.write(tree.resolve("empty"), new byte[0]);

    rclone("mkdir", "m:rclone-check");
    rclone("sync", tree.toString(), "m:rclone-check/tree");
    Path back = dir.resolve("back");
    rclone("sync", "m:rclone-check/tree", back.toString());
    rclone("check", tree.toString(), "m:rclone-check/tree");
    assertThat(contents(back)).isEqualTo(contents(tree));
  }

  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(f).toString(), Clients.md5(Files.readAllBytes(f)));
      }
    }
    return out;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static String s3cmd(Path config, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/s3cmd", "-c", config.toString()));
    cmd.addAll(List.of(args));
    Result r = run(cmd, Map.of());
    assertThat(r.exit()).as("s3cmd %s: %s", String.join(" ", args), r.out()).isZero();
    return r.out();
  }

  private static void rclone(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/rclone"));
    cmd.addAll(List.of(args));
    Map<String, String> env = Map.of("RCLONE_CONFIG_M_TYPE", "s3", "RCLONE_CONFIG_M_PROVIDER", "Other",
        "RCLONE_CONFIG_M_ENDPOINT", endpoint(), "RCLONE_CONFIG_M_ACCESS_KEY_ID", "test",
        "RCLONE_CONFIG_M_SECRET_ACCESS_KEY", "test", "RCLONE_CONFIG_M_FORCE_PATH_STYLE", "true",
        "RCLONE_CONFIG", "/dev/null");
    Result r = run(cmd, env);
    assertThat(r.exit()).as("rclone %s: %s", String.join(" ", args), r.out()).isZero();
  }

  private record Result(int exit, String out) {}

  private static Result run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    // A CA bundle meant for HTTPS makes rclone's SDK refuse a plain-HTTP endpoint; none is needed here.
    pb.environment().remove("AWS_CA_BUNDLE");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
