package io.mocks3.ops.stack;

import static io.mocks3.ops.stack.ComposeFile.REPO;
import static io.mocks3.ops.stack.ComposeFile.services;
import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.ops.stack.Dockerfile.Instruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's {@code all-in-one} target (MockS3Container's image: the local stack in one container),
 * read without an engine: pinned base, a non-root user, a health check that asks the stack itself,
 * every service and the launcher built and laid out where the launcher looks, the libraries apart from
 * MockS3's classes, and the per-service image still the default target.
 */
class AllInOneImageTest {
  private static final Path ENTRYPOINT = Path.of("ops/testcontainers/docker/all-in-one.sh");
  private static List<Dockerfile.Stage> stages;
  private static Dockerfile.Stage image;

  @BeforeAll
  static void parse() throws Exception {
    stages = Dockerfile.stages();
    image = Dockerfile.named(stages, "all-in-one");
  }

  @Test
  void itRunsAsTheNonRootUserThatOwnsData() {
    List<Instruction> users = image.all("USER");
    assertThat(users).as("USER in the all-in-one stage").isNotEmpty();
    assertThat(users.get(users.size() - 1).arguments()).isEqualTo("10001:10001");
    assertThat(image.instructions()).anySatisfy(i -> assertThat(i.arguments()).contains("useradd", "--uid 10001"));
    assertThat(image.instructions()).anySatisfy(i -> assertThat(i.arguments()).contains("chown mocks3:mocks3 /data"));
    assertThat(image.all("ENV")).extracting(Instruction::arguments).contains("MOCKS3_HOME=/data/stack");
  }

  @Test
  void itStartsFromAPinnedJreAndBuildsFromTheSharedPoms() {
    assertThat(ComposeStartupTest.isPinned(image.base())).as("FROM %s", image.base()).isTrue();
    assertThat(image.base()).contains("-jre-");
    assertThat(Dockerfile.named(stages, "all-in-one-build").base()).isEqualTo("poms");
  }

  @Test
  void theHealthCheckWaitsForTheLaunchersSignalAndBothEndpointsWithoutCurl() {
    List<Instruction> checks = image.all("HEALTHCHECK");
    assertThat(checks).hasSize(1);
    String check = checks.get(0).arguments();
    assertThat(check).contains("--start-period=", "CMD", "test -f /data/all-healthy", "8080", "8085", "GET /health", "' 200 '")
        .doesNotContain("curl", "wget");
  }

  @Test
  void everyServiceComposeRunsIsBuiltExtractedAndCopiedLayerByLayer() throws Exception {
    List<String> built = services().values().stream().map(ComposeFile::module).filter(Objects::nonNull).distinct().toList();
    Dockerfile.Stage build = Dockerfile.named(stages, "all-in-one-build");
    String modules = build.all("ARG").stream().map(Instruction::arguments)
        .filter(a -> a.startsWith("ALL_IN_ONE_MODULES=")).findFirst().orElseThrow().split("=", 2)[1];
    assertThat(Arrays.asList(modules.split(","))).containsAll(built).contains("ops/local-stack", "ops/kafka-broker");
    List<String> reactor = DockerfileTest.reactorModules(Path.of(""));
    assertThat(reactor).containsAll(Arrays.asList(modules.split(",")));
    String assemble = build.all("RUN").get(build.all("RUN").size() - 1).arguments();
    assertThat(assemble).contains("for m in " + String.join(" ", built) + ";", "extract --layers",
        "ops/local-stack/target/lib", "ops/kafka-broker/target/lib");
    List<String> copied = image.all("COPY").stream().map(Instruction::arguments).filter(a -> a.startsWith("--from=")).toList();
    assertThat(copied).containsExactly(
        "--from=all-in-one-build /dist/launcher/ ./",
        "--from=all-in-one-build /dist/dependencies/ ./",
        "--from=all-in-one-build /dist/spring-boot-loader/ ./",
        "--from=all-in-one-build /dist/snapshot-dependencies/ ./",
        "--from=all-in-one-build /dist/application/ ./");
    assertThat(image.all("WORKDIR")).extracting(Instruction::arguments).containsExactly("/opt/mocks3");
  }

  @Test
  void theEntryPointIsTheRepositorysScriptThatStartsAndStopsTheStack() throws Exception {
    assertThat(image.all("COPY")).extracting(Instruction::arguments)
        .contains("--chmod=755 " + ENTRYPOINT + " /opt/mocks3/bin/all-in-one.sh");
    assertThat(image.all("ENTRYPOINT")).extracting(Instruction::arguments).containsExactly("[\"/opt/mocks3/bin/all-in-one.sh\"]");
    String script = Files.readString(REPO.resolve(ENTRYPOINT));
    assertThat(script).contains("dist=\"${MOCKS3_DIST:-/opt/mocks3}\"", "--repo \"$dist\"", "up --fresh",
        "trap stop TERM INT", "down", "touch \"$healthy\"", "MockS3 all-in-one: every part is healthy");
    assertThat(Files.isExecutable(REPO.resolve(ENTRYPOINT))).as("%s is executable", ENTRYPOINT).isTrue();
  }

  @Test
  void thePerServiceImageStaysTheDefaultTargetForCompose() {
    Dockerfile.Stage last = stages.get(stages.size() - 1);
    assertThat(last.name()).isNull();
    assertThat(last.all("ENTRYPOINT")).extracting(Instruction::arguments).containsExactly("[\"java\", \"-jar\", \"/app/service.jar\"]");
    assertThat(image.all("EXPOSE")).extracting(Instruction::arguments).containsExactly("8080 8085 8081 8082 8083 8182");
  }
}
