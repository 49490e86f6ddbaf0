package io.mocks3.ops.stack;

import static io.mocks3.ops.stack.ComposeFile.REPO;
import static io.mocks3.ops.stack.ComposeFile.services;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
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

  /** One instruction, continuation lines joined: keyword in upper case, then its arguments. */
  record Instruction(String keyword, String arguments) {}

  private static List<List<Instruction>> stages;

  @BeforeAll
  static void parse() throws IOException {
    stages = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : Files.readAllLines(REPO.resolve("Dockerfile"))) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      add(pending.append(trimmed).toString());
      pending.setLength(0);
    }
  }

  private static void add(String text) {
    String[] parts = text.split("\\s+", 2);
    Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
    if (instruction.keyword().equals("FROM")) {
      stages.add(new ArrayList<>());
    }
    if (!stages.isEmpty()) {
      stages.get(stages.size() - 1).add(instruction);
    }
  }

  private static List<Instruction> buildStage() {
    return stages.get(0);
  }

  private static List<Instruction> runtimeStage() {
    return stages.get(stages.size() - 1);
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
    List<Instruction> build = buildStage();
    int sources = indexOf(build, i -> i.keyword().equals("COPY") && i.arguments().equals(". ."));
    int resolve = indexOf(build, i -> i.keyword().equals("RUN") && i.arguments().contains("dependency:go-offline"));
    assertThat(sources).as("COPY . . of the sources").isPositive();
    assertThat(resolve).as("dependencies resolved before the sources arrive").isBetween(0, sources);
    List<String> copiedBefore = build.subList(0, resolve).stream()
        .filter(i -> i.keyword().equals("COPY")).map(i -> i.arguments().split("\\s+")[0]).toList();
    assertThat(copiedBefore).contains("mvnw", ".mvn/", "pom.xml");
    for (String module : reactorModules(Path.of(""))) {
      assertThat(copiedBefore).as("Maven reads %s/pom.xml even with -pl: COPY it before go-offline", module)
          .contains(module + "/pom.xml");
    }
  }

  @Test
  void theRuntimeImageHasSpringBootsLayersInOrder() {
    assertThat(buildStage()).anySatisfy(i -> assertThat(i.arguments()).contains("-Djarmode=tools", "extract", "--layers"));
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
    for (List<Instruction> stage : stages) {
      String image = stage.get(0).arguments().split("\\s+")[0];
      assertThat(ComposeStartupTest.isPinned(image)).as("FROM %s", image).isTrue();
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

  private static int indexOf(List<Instruction> stage, Predicate<Instruction> match) {
    for (int i = 0; i < stage.size(); i++) {
      if (match.test(stage.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Every module folder of the reactor, relative to the repository, nested modules included. */
  private static List<String> reactorModules(Path folder) throws Exception {
    List<String> modules = new ArrayList<>();
    for (String module : text(pom(folder), "module")) {
      Path child = folder.resolve(module).normalize();
      modules.add(child.toString());
      modules.addAll(reactorModules(child));
    }
    return modules;
  }

  private static Document pom(Path folder) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(REPO.resolve(folder).resolve("pom.xml").toFile());
  }

  private static List<String> text(Document pom, String element) {
    NodeList nodes = pom.getElementsByTagName(element);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      values.add(nodes.item(i).getTextContent().strip());
    }
    return values;
  }
}
