package io.mocks3.projector.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One instance's state travels to another as lines, whatever the keys hold, and a cut-short answer is noticed. */
class CommandStateTest {
  private final List<String> seen = new ArrayList<>();
  private final CommandState.Sink sink = new CommandState.Sink() {
    @Override
    public void bucket(String name) {
      seen.add("bucket " + name);
    }

    @Override
    public void version(String id, String description) {
      seen.add(id + " = " + description);
    }
  };

  private boolean accept(String lines) {
    boolean last = false;
    for (String l : lines.split("\n")) {
      last = CommandState.accept(l, sink);
    }
    return last;
  }

  @Test
  void keysWithTabsNewlinesAndBackslashesComeBackAsTheyWere() {
    String key = "photos/a\tb\nc\\d\r#null";
    String lines = CommandState.line("v", key, "blob-1 3 md5") + CommandState.line("b", "photos", "") + CommandState.line("e", "", "");
    assertThat(lines.split("\n")).hasSize(3);
    assertThat(accept(lines)).isTrue();
    assertThat(seen).containsExactly(key + " = blob-1 3 md5", "bucket photos");
  }

  @Test
  void anAnswerWithoutItsLastLineIsNotWhole() {
    assertThat(accept(CommandState.line("b", "photos", ""))).isFalse();
  }

  @Test
  void aLineOfNoKnownKindIsRefused() {
    assertThatThrownBy(() -> CommandState.accept("x\ty\tz", sink)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CommandState.accept("garbage", sink)).isInstanceOf(IllegalStateException.class);
  }
}
