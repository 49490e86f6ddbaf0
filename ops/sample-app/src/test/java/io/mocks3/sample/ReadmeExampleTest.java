package io.mocks3.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's JUnit example is the sample's compiled, tested class, word for word. */
class ReadmeExampleTest {
  private static final Path README = Path.of("../../README.md");
  private static final Path EXAMPLE = Path.of("src/test/java/io/mocks3/sample/ReceiptArchiveUnderLossIT.java");

  @Test
  void theReadmeShowsTheSamplesChaosTest() throws Exception {
    String source = Files.readString(EXAMPLE);
    String example = source.substring(source.indexOf("// README example start\n") + "// README example start\n".length(),
        source.indexOf("// README example end"));
    String readme = Files.readString(README);
    int section = readme.indexOf("## Use MockS3 in your tests");
    assertThat(section).as("README section \"Use MockS3 in your tests\"").isNotNegative();
    assertThat(readme.substring(section)).contains("```java\n" + example + "```");
  }
}
