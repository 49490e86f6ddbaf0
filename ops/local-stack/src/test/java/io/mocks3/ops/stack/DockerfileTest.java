package io.mocks3.ops.stack;

import static io.mocks3.ops.stack.ComposeFile.REPO;
import static io.mocks3.ops.stack.ComposeFile.services;
import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.ops.stack.Dockerfile.Instruction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * `docker build --check` needs an engine; this reads the Dockerfile instead: layer order that keeps
 * the dependency download cached, Spring Boot's layers, a non-root runtime, and a module behind
 * every SERVICE that docker-compose.yml builds.
 */
class DockerfileTest {
  private static final List<String> BOOT_LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

  private static List<Dockerfile.Stage> stages;

  @BeforeAll
  static void parse() throws IOException {
    stages = Dockerfile.stages();
  }

  /** The stage that copies the wrapper and the poms, which the builds start from. */
  private static List<Instruction> pomsStage() {
    return Dockerfile.named(stages, "poms").instructions();
  }

  /** The default target (the last stage): one service, as docker-compose.yml builds it. */
  private static List<Instruction> runtimeStage() {
    return stages.get(stages.size() - 1).instructions();
  }

  @Test
  void theRuntimeRunsAsANonRootUser() {
    List<String> users = runtimeStage().stream().filter(i -> i.keyword().equals("USER")).map(Instruction::arguments).toList();
    assertThat(users).as("USER in the final stage").isNotEmpty();
    String user = users.get(users.size() - 1).split(":")[0];
    assertThat(user).isNotIn("root", "0").isEqualTo("10001");
    assertThat(runtimeStage()).anySatisfy(i -> assertThat(i.arguments()).contains("chown").contains("/data"));
  }

  @Test
  void everyModulePomIsCopiedAndResolvedBeforeTheSources() throws Exception {
    List<Dockerfile.Stage> builds = stages.stream().filter(s -> "poms".equals(s.base())).toList();
    assertThat(builds).extracting(Dockerfile.Stage::name).containsExactly("build", "all-in-one-build");
    for (Dockerfile.Stage build : builds) {
      int sources = build.indexOf(i -> i.keyword().equals("COPY") && i.arguments().equals(". ."));
      int resolve = build.indexOf(i -> i.keyword().equals("RUN") && i.arguments().contains("dependency:go-offline"));
      assertThat(sources).as("%s: COPY . . of the sources", build.name()).isPositive();
      assertThat(resolve).as("%s: dependencies resolved before the sources arrive", build.name()).isBetween(0, sources);
    }
    assertThat(pomsStage()).noneMatch(i -> i.keyword().equals("COPY") && i.arguments().equals(". ."));
    List<String> copiedBefore = pomsStage().stream()
        .filter(i -> i.keyword().equals("COPY")).map(i -> i.arguments().split("\\s+")[0]).toList();
    assertThat(copiedBefore).contains("mvnw", ".mvn/", "pom.xml");
    for (String module : reactorModules(Path.of(""))) {
      assertThat(copiedBefore).as("Maven reads %s/pom.xml even with -pl: COPY it before go-offline", module)
          .contains(module + "/pom.xml");
    }
  }

  @Test
  void theRuntimeImageHasSpringBootsLayersInOrder() {
    assertThat(Dockerfile.named(stages, "build").instructions())
        .anySatisfy(i -> assertThat(i.arguments()).contains("-Djarmode=tools", "extract", "--layers"));
    List<String> copied = runtimeStage().stream()
        .filter(i -> i.keyword().equals("COPY") && i.arguments().startsWith("--from="))
        .map(Instruction::arguments).toList();
    assertThat(copied).hasSize(BOOT_LAYERS.size());
    for (int layer = 0; layer < BOOT_LAYERS.size(); layer++) {
      assertThat(copied.get(layer)).as("layer %d", layer).contains("/" + BOOT_LAYERS.get(layer) + "/");
    }
  }

  @Test
  void baseImagesArePinnedToAnExactVersion() {
    List<String> names = stages.stream().map(Dockerfile.Stage::name).toList();
    for (Dockerfile.Stage stage : stages) {
      if (names.contains(stage.base())) {
        continue;
      }
      assertThat(ComposeStartupTest.isPinned(stage.base())).as("FROM %s", stage.base()).isTrue();
    }
  }

  @Test
  void everyServiceComposeBuildsIsAReactorModuleWhoseJarTheDockerfileFinds() throws Exception {
    List<String> modules = reactorModules(Path.of(""));
    List<String> built = services().values().stream().map(ComposeFile::module).filter(Objects::nonNull).distinct().toList();
    assertThat(built).isNotEmpty();
    for (String service : built) {
      assertThat(modules).as("-pl %s", service).contains(service);
      // The build stage picks up ${SERVICE}/target/${SERVICE}.jar.
      assertThat(text(pom(Path.of(service)), "finalName")).as(service).containsExactly(service);
    }
    assertThat(services().get("api-gateway")).extracting(ComposeFile::module).isEqualTo("api-gateway");
  }

  @Test
  void theBuildContextLeavesOutBuildOutputLocalStateAndGit() throws IOException {
    List<String> ignored = Files.readAllLines(REPO.resolve(".dockerignore")).stream().map(String::strip).toList();
    assertThat(ignored).contains("**/target/", ".mocks3/", ".git/");
  }

  /** Every module folder of the reactor, relative to the repository, nested modules included. */
  static List<String> reactorModules(Path folder) throws Exception {
    List<String> modules = new ArrayList<>();
    for (String module : text(pom(folder), "module")) {
      Path child = folder.resolve(module).normalize();
      modules.add(child.toString());
      modules.addAll(reactorModules(child));
    }
    return modules;
  }

  static Document pom(Path folder) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(REPO.resolve(folder).resolve("pom.xml").toFile());
  }

  static List<String> text(Document pom, String element) {
    NodeList nodes = pom.getElementsByTagName(element);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      values.add(nodes.item(i).getTextContent().strip());
    }
    return values;
  }
}
