package io.mocks3.projector.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Sorting on disk in small chunks gives what a TreeMap would, with the last of equal ids. */
class LineSorterTest {

  private static List<Line> read(LineSorter sorter) {
    List<Line> out = new ArrayList<>();
    try (LineCursor cursor = sorter.sorted()) {
      cursor.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void givenManyChunks_ThenOneSortedSideWithTheLastValueOfEachId_ReadableTwice() {
    Random random = new Random(18);
    TreeMap<String, String> expected = new TreeMap<>(Line.ID_ORDER);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      order.add(i % 1_500);
    }
    Collections.shuffle(order, random);
    List<Path> before = spillFiles();
    // chunks of 7 lines: over 700 chunk files, merged first in groups of FAN_IN
    try (LineSorter sorter = new LineSorter("test", 7)) {
      for (int i = 0; i < order.size(); i++) {
        String id = "bucket/key-" + order.get(i) + "\nwith a newline#v";
        sorter.add(id, "value " + i);
        expected.put(id, "value " + i);
      }
      List<Line> lines = read(sorter);
      assertThat(lines).extracting(Line::id).containsExactlyElementsOf(expected.keySet());
      assertThat(lines).extracting(Line::value).containsExactlyElementsOf(expected.values());
      assertThat(read(sorter)).isEqualTo(lines);
      // The chunks live in unlinked files: nothing is left on disk for a process that dies mid-check.
      assertThat(spillFiles()).isSubsetOf(before);
    }
  }

  private static List<Path> spillFiles() {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("mocks3-check-")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void givenFewerLinesThanAChunk_ThenSortedInMemory() {
    try (LineSorter sorter = new LineSorter("test")) {
      sorter.add("b", "2");
      sorter.add("a", "1");
      sorter.add("b", "3");
      assertThat(read(sorter)).containsExactly(new Line("a", "1"), new Line("b", "3"));
    }
  }
}
