package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ops/clients-check} (the users' own check of real clients) against the test stack:
 * Debian's AWS CLI with a 100 MiB multipart upload, boto3, s3cmd and rclone, each byte-identical.
 * .ci/run installs the clients; where one is missing the script, and so this test, fails naming
 * the packages to install: a skipped client check would pass without checking anything.
 */
@ExtendWith(LocalStackExtension.class)
class ClientsCheckIT {
  private static final long SCRIPT_MINUTES = 10;

  @Test
  @Timeout(value = SCRIPT_MINUTES + 1, unit = TimeUnit.MINUTES)
  void everyRealClientPasses(@TempDir Path dir) throws Exception {
    Path script = LocalStackExtension.layout().repo().resolve("ops/clients-check");
    // Output to a file, not a pipe: a hung client cannot block a read past the deadline below.
    Path output = dir.resolve("clients-check.out");
    Process p = new ProcessBuilder(script.toString(), LocalStackExtension.gateway().toString())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    boolean finished = p.waitFor(SCRIPT_MINUTES, TimeUnit.MINUTES);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(finished).as("ops/clients-check finished within %d minutes:%n%s", SCRIPT_MINUTES, out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("awscli ok", "boto3", "s3cmd ok", "rclone ok");
  }
}
