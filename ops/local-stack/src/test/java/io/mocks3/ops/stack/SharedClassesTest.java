package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedClassesTest {
  @TempDir
  Path repo;

  /** A built module, already unpacked into the cache, with these jars (name, then content) in its lib/. */
  private void built(StackLayout layout, String module, String... jars) throws IOException {
    Path jar = Files.createDirectories(repo.resolve(module).resolve("target")).resolve(module + ".jar");
    Files.writeString(jar, module);
    Path lib = Files.createDirectories(layout.cache().resolve(module + "-" + Files.size(jar) + "-"
        + jar.toFile().lastModified()).resolve("lib"));
    for (int i = 0; i < jars.length; i += 2) {
      Files.writeString(lib.resolve(jars[i]), jars[i + 1]);
    }
  }

  @Test
  void givenTwoBuilds_ThenOnlyTheJarsBothHoldByteForByteAreShared_InOneOrder() throws Exception {
    StackLayout layout = new StackLayout(repo, repo.resolve("home"), 0, "java", null);
    built(layout, "a", "spring.jar", "same", "kafka.jar", "same too", "common-name.jar", "version 1", "only-a.jar", "x");
    built(layout, "b", "kafka.jar", "same too", "spring.jar", "same", "common-name.jar", "version 2");
    SharedClasses shared = new SharedClasses(layout);
    shared.include("a");
    shared.include("b");

    shared.prepare();

    assertThat(shared.classPath()).extracting(p -> Path.of(p).getFileName().toString()).containsExactly("kafka.jar", "spring.jar");
    assertThat(shared.classPath()).allSatisfy(p -> assertThat(Path.of(p)).exists());
    assertThat(shared.shares(Path.of("x/lib/spring.jar"))).isTrue();
    assertThat(shared.shares(Path.of("x/lib/common-name.jar"))).isFalse();
    // No archive yet: each part lists the classes it loads, for the archive made once they are all up.
    assertThat(shared.options("api-gateway")).singleElement().asString()
        .startsWith("-XX:DumpLoadedClassList=").endsWith("api-gateway.classlist");
  }

  @Test
  void givenNoClassLists_ThenNeitherUpNorDownMakesAnArchive() throws Exception {
    StackLayout layout = new StackLayout(repo, repo.resolve("home"), 0, "java", null);
    built(layout, "a", "spring.jar", "same");
    SharedClasses shared = new SharedClasses(layout);
    shared.include("a");
    shared.prepare();
    PartProcesses processes = new PartProcesses(layout.run(), layout.logs());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    shared.archiveInBackground(processes);
    shared.archive(processes, new PrintStream(out));

    assertThat(processes.started(SharedClasses.MAKER)).as("a maker started by up").isFalse();
    assertThat(out.toString()).isEmpty();
    assertThat(shared.options("a")).singleElement().asString().startsWith("-XX:DumpLoadedClassList=");
  }

  @Test
  void givenAListStillBeingWritten_ThenOnlyItsWholeLinesAreMerged() throws Exception {
    Path writing = Files.writeString(repo.resolve("gateway.classlist"), "java/lang/Object id: 0\norg/springframework/Bo");

    assertThat(SharedClasses.merge(List.of(writing))).containsExactly("java/lang/Object");
  }

  @Test
  void givenTheListsOfTwoServices_ThenTheMergedListHasEachClassOnce_WithoutIdsOrCustomLoaders() throws Exception {
    Path one = Files.writeString(repo.resolve("one.classlist"), """
        # NOTE: Do not modify this file.
        java/lang/Object id: 0
        org/springframework/Boot id: 7
        com/example/Custom id: 8 super: 0 source: /tmp/x.jar
        @lambda-proxy java/lang/Runnable run ()V
        """);
    Path two = Files.writeString(repo.resolve("two.classlist"), """
        java/lang/Object id: 0
        org/springframework/Boot id: 3
        io/mocks3/Only id: 4
        """);

    assertThat(SharedClasses.merge(List.of(one, two))).containsExactly(
        "java/lang/Object", "org/springframework/Boot", "@lambda-proxy java/lang/Runnable run ()V", "io/mocks3/Only");
  }
}
