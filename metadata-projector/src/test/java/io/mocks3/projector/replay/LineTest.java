package io.mocks3.projector.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineTest {
  /** Against the code points compared one by one, over strings made of the units where UTF-16 order and code point order part. */
  @Test
  void idOrderIsCodePointOrder() {
    String[] units = {"a", "/", "\u0001", "\uD7FF", "\uE000", "\uFFFF", "\uD800\uDC00", "\uD83D\uDE00", "\uDBFF\uDFFF", "\u00E9"};
    Random random = new Random(42);
    for (int n = 0; n < 200_000; n++) {
      String a = random(units, random);
      String b = random.nextInt(4) == 0 ? a + random(units, random) : random(units, random);
      int expected = Integer.signum(Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
      assertThat(Integer.signum(Line.ID_ORDER.compare(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
    }
  }

  private static String random(String[] units, Random random) {
    StringBuilder s = new StringBuilder();
    for (int k = random.nextInt(5); k > 0; k--) {
      s.append(units[random.nextInt(units.length)]);
    }
    return s.toString();
  }
}
