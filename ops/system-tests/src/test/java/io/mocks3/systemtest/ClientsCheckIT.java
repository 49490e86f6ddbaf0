package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs {@code ops/clients-check} (the users' own check of real clients) against the test stack:
 * Debian's AWS CLI with a 100 MiB multipart upload, boto3, s3cmd and rclone, each byte-identical.
 * .ci/run installs the clients; without them this is skipped.
 */
@ExtendWith(LocalStackExtension.class)
class ClientsCheckIT {
  @Test
  void everyRealClientPasses() throws Exception {
    assumeTrue(Stream.of("/usr/bin/aws", "/usr/bin/python3", "/usr/bin/s3cmd", "/usr/bin/rclone")
        .allMatch(bin -> Files.isExecutable(Path.of(bin))), "Debian's S3 clients are not installed");
    Path script = LocalStackExtension.layout().repo().resolve("ops/clients-check");
    Process p = new ProcessBuilder(script.toString(), LocalStackExtension.gateway().toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("awscli ok", "boto3", "s3cmd ok", "rclone ok");
  }
}
