package io.mocks3.projector.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.projector.replay.SortedComparison.Result;
import io.mocks3.projector.replay.SortedComparison.Side;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The merge-compare on hand-built sorted sides. */
class SortedComparisonTest {
  private final List<Map<String, String>> differences = new ArrayList<>();
  private final int[] count = {0};

  private static LineCursor side(String... idValuePairs) {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < idValuePairs.length; i += 2) {
      lines.add(new Line(idValuePairs[i], idValuePairs[i + 1]));
    }
    return LineCursor.of("test side", lines.iterator());
  }

  private Result compare(LineCursor log, LineCursor postgres, int limit) {
    return SortedComparison.compare("versions", new Side("log", log), new Side("postgres", postgres), differences, count, limit);
  }

  /** What the check computed before it streamed: SHA-256 over the lines of a TreeMap. */
  private static String treeMapDigest(Map<String, String> lines) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    new TreeMap<>(lines).forEach((k, v) -> sha.update((k + " " + v + "\n").getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void givenEqualSides_ThenNoDifferenceAndTheDigestOfTheSortedLines() throws Exception {
    Result r = compare(side("a/k#1", "b1 3 md5", "a/k#2", "delete-marker"), side("a/k#1", "b1 3 md5", "a/k#2", "delete-marker"),
        100);

    assertThat(count[0]).isZero();
    assertThat(differences).isEmpty();
    assertThat(r.a()).isEqualTo(r.b());
    assertThat(r.a().count()).isEqualTo(2);
    assertThat(r.a().digest()).isEqualTo(treeMapDigest(Map.of("a/k#1", "b1 3 md5", "a/k#2", "delete-marker")));
  }

  @Test
  void givenALineMissingOnEachSide_ThenBothAreNamedInIdOrder() {
    Result r = compare(side("a/1#v", "x", "a/3#v", "z"), side("a/2#v", "y", "a/3#v", "z"), 100);

    assertThat(count[0]).isEqualTo(2);
    assertThat(differences).containsExactly(
        Map.of("what", "versions", "between", "log/postgres", "id", "a/1#v", "log", "x", "postgres", "(absent)"),
        Map.of("what", "versions", "between", "log/postgres", "id", "a/2#v", "log", "(absent)", "postgres", "y"));
    assertThat(r.a().count()).isEqualTo(2);
    assertThat(r.b().count()).isEqualTo(2);
    assertThat(r.a().digest()).isNotEqualTo(r.b().digest());
  }

  @Test
  void givenADifferentValue_ThenOneDifferenceWithBothValues() {
    compare(side("b", "exists", "c/k#null", "blob1 5 aa"), side("b", "exists", "c/k#null", "blob2 5 aa"), 100);

    assertThat(count[0]).isEqualTo(1);
    assertThat(differences).containsExactly(
        Map.of("what", "versions", "between", "log/postgres", "id", "c/k#null", "log", "blob1 5 aa", "postgres", "blob2 5 aa"));
  }

  @Test
  void givenMoreDifferencesThanTheLimit_ThenAllCountedAndTheFirstListed() {
    compare(side("a", "1", "b", "1", "c", "1", "d", "1"), side("a", "2", "e", "1"), 2);

    assertThat(count[0]).isEqualTo(5);
    assertThat(differences).extracting(d -> d.get("id")).containsExactly("a", "b");
  }

  @Test
  void givenOneEmptySide_ThenEveryLineOfTheOtherIsADifference() {
    Result r = compare(side(), side("a", "1", "b", "2"), 100);

    assertThat(count[0]).isEqualTo(2);
    assertThat(r.a().count()).isZero();
    assertThat(differences).extracting(d -> d.get("log")).containsOnly("(absent)");
  }

  @Test
  void givenAnIdTwiceInARow_ThenTheLastCountsAsAMapPutWould() throws Exception {
    Result r = compare(side("a", "old", "a", "new"), side("a", "new"), 100);

    assertThat(count[0]).isZero();
    assertThat(r.a().count()).isEqualTo(1);
    assertThat(r.a().digest()).isEqualTo(treeMapDigest(Map.of("a", "new")));
  }

  @Test
  void givenASideOutOfOrder_ThenTheComparisonFailsInsteadOfAnsweringWrong() {
    assertThatThrownBy(() -> compare(side("b", "1", "a", "1"), side("a", "1"), 100))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not in id order");
  }

  @Test
  void idOrderIsCodePointOrder_AsPostgresCollateC() {
    // '/' sorts after '-' and '!', so "a-b/..." comes before "a/...": the order of the whole id, not of its parts.
    List<String> ids = new ArrayList<>(List.of("a/k#1", "a-b/k#1", "a/k!#1", "a/\uD83D\uDE00#1", "a/\uFF21#1"));
    ids.sort(Line.ID_ORDER);
    assertThat(ids).containsExactly("a-b/k#1", "a/k!#1", "a/k#1", "a/\uFF21#1", "a/\uD83D\uDE00#1");
  }
}
