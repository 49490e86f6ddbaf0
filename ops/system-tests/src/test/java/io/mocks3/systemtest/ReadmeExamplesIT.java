package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples, run as a user runs them: curl, and the AWS CLI from Debian's
 * {@code awscli} package (installed by .ci/run; where it is absent the CLI example fails, naming
 * the package, rather than passing unchecked).
 */
@ExtendWith(LocalStackExtension.class)
class ReadmeExamplesIT {
  private static final String AWS = "/usr/bin/aws";

  private static String base() {
    return LocalStackExtension.gateway().toString();
  }

  @Test
  void curlExamples() throws Exception {
    assertThat(run("curl", "-s", "-f", "-X", "PUT", base() + "/test-bucket/").exit()).isZero();
    assertThat(run("curl", "-s", "-f", "-X", "PUT", base() + "/test-bucket/test.txt",
        "-H", "Content-Type: text/plain", "-d", "Hello MockS3!").exit()).isZero();
    assertThat(run("curl", "-s", "-f", base() + "/test-bucket/test.txt").out()).isEqualTo("Hello MockS3!");
    String head = run("curl", "-s", "-f", "-I", base() + "/test-bucket/test.txt").out();
    assertThat(head).contains("Content-Type: text/plain", "Content-Length: 13", "ETag: \"");
    assertThat(run("curl", "-s", "-f", base() + "/test-bucket/").out()).contains("<Key>test.txt</Key>");
    assertThat(run("curl", "-s", "-f", "-X", "DELETE", base() + "/test-bucket/test.txt").exit()).isZero();
    assertThat(run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", base() + "/test-bucket/test.txt").out())
        .isEqualTo("404");
  }

  @Test
  void awsCliExamples(@TempDir Path dir) throws Exception {
    assertThat(Path.of(AWS)).as("Debian's AWS CLI: apt-get install awscli (.ci/run installs it)").isExecutable();
    Path small = Files.writeString(dir.resolve("hello.txt"), "Hello from the AWS CLI\n");
    Path mid = dir.resolve("mid.bin");
    byte[] bytes = new byte[20 * 1024 * 1024];
    new Random(3).nextBytes(bytes);
    Files.write(mid, bytes);

    assertThat(aws("s3", "mb", "s3://cli-bucket").out()).contains("make_bucket: cli-bucket");
    aws("s3", "cp", small.toString(), "s3://cli-bucket/hello.txt");
    aws("s3", "cp", mid.toString(), "s3://cli-bucket/dir/mid.bin");
    assertThat(aws("s3", "ls", "s3://cli-bucket/").out()).contains("hello.txt", "PRE dir/");
    assertThat(aws("s3", "ls", "s3://cli-bucket/dir/").out()).contains(String.valueOf(bytes.length), "mid.bin");
    // 20 MiB is over the CLI's 8 MiB threshold: that upload was multipart, three parts.
    assertThat(aws("s3api", "head-object", "--bucket", "cli-bucket", "--key", "dir/mid.bin").out()).contains("-3\\\"\"");
    assertThat(aws("s3api", "head-object", "--bucket", "cli-bucket", "--key", "hello.txt").out())
        .contains("\"ContentLength\": 23");

    aws("s3", "cp", "s3://cli-bucket/dir/mid.bin", dir.resolve("back.bin").toString());
    assertThat(Files.readAllBytes(dir.resolve("back.bin"))).isEqualTo(bytes);
    aws("s3", "cp", "s3://cli-bucket/hello.txt", dir.resolve("hello-back.txt").toString());
    assertThat(Files.readString(dir.resolve("hello-back.txt"))).isEqualTo("Hello from the AWS CLI\n");

    aws("s3", "rm", "s3://cli-bucket/hello.txt");
    assertThat(aws("s3", "ls", "s3://cli-bucket/").out()).doesNotContain("hello.txt");
  }

  private static Result aws(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(AWS, "--endpoint-url", base()));
    cmd.addAll(List.of(args));
    Result r = run(cmd, Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
        "AWS_DEFAULT_REGION", "us-east-1", "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
    assertThat(r.exit()).as("aws %s failed: %s", String.join(" ", args), r.out()).isZero();
    return r;
  }

  private record Result(int exit, String out) {}

  private static Result run(String... cmd) throws IOException, InterruptedException {
    return run(List.of(cmd), Map.of());
  }

  private static Result run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
