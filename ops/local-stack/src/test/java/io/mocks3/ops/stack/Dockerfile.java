package io.mocks3.ops.stack;

import static io.mocks3.ops.stack.ComposeFile.REPO;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * The repository's Dockerfile read as its stages, for the tests (`docker build --check` needs an
 * engine): each stage's instructions, continuation lines joined, comments dropped.
 */
final class Dockerfile {
  /** One instruction: keyword in upper case, then its arguments. */
  record Instruction(String keyword, String arguments) {}

  /** A stage: its base (an image, or an earlier stage's name), its name (null when unnamed), its instructions. */
  record Stage(String base, String name, List<Instruction> instructions) {
    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    int indexOf(Predicate<Instruction> match) {
      for (int i = 0; i < instructions.size(); i++) {
        if (match.test(instructions.get(i))) {
          return i;
        }
      }
      return -1;
    }
  }

  private Dockerfile() {}

  static List<Stage> stages() throws IOException {
    List<String> texts = new ArrayList<>();
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
      texts.add(pending.append(trimmed).toString());
      pending.setLength(0);
    }
    List<Stage> stages = new ArrayList<>();
    for (String text : texts) {
      String[] parts = text.split("\\s+", 2);
      Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
      if (instruction.keyword().equals("FROM")) {
        String[] from = instruction.arguments().split("\\s+");
        boolean named = from.length == 3 && from[1].equalsIgnoreCase("AS");
        stages.add(new Stage(from[0], named ? from[2] : null, new ArrayList<>()));
      }
      if (!stages.isEmpty()) {
        stages.get(stages.size() - 1).instructions().add(instruction);
      }
    }
    return stages;
  }

  static Stage named(List<Stage> stages, String name) {
    return stages.stream().filter(s -> name.equals(s.name())).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no stage named " + name + " in the Dockerfile"));
  }
}
