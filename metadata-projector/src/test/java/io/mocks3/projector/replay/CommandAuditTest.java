package io.mocks3.projector.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit's merge: commands without an event, named lost or dead-lettered, in log order, from sides sorted on disk. */
class CommandAuditTest {
  private static final String NUL = "\0";

  @Test
  void aCommandWithoutAnEventIsLostOrDeadLettered_ListedInLogOrder() {
    try (LineSorter commands = new LineSorter("commands", 3); LineSorter events = new LineSorter("events", 3);
        LineSorter dead = new LineSorter("dead", 3)) {
      // Ids out of log order, more lines than a chunk: the sides are spilled to disk and merged.
      commands.add("c9", String.join(NUL, "PutObject", "0", "1", "photos", "a key with spaces\nand a newline"));
      commands.add("c1", String.join(NUL, "PutObject", "1", "7", "photos", "b"));
      commands.add("c5", String.join(NUL, "CreateBucket", "0", "0", "photos"));
      commands.add("c3", String.join(NUL, "DeleteObject", "0", "4", "photos", "c"));
      commands.add("c7", String.join(NUL, "PutObject", "1", "2", "photos", "d"));
      for (String applied : List.of("c5", "c7", "x0", "x9")) {
        events.add(applied, "");
      }
      dead.add("c3", "");
      dead.add("c8", "");

      List<CommandAudit.Unapplied> unapplied = CommandAudit.unapplied(commands.sorted(), events.sorted(), dead.sorted());

      assertThat(unapplied).containsExactly(
          new CommandAudit.Unapplied("c9", "PutObject", "photos", "a key with spaces\nand a newline", "mocks3.commands/0@1", "lost"),
          new CommandAudit.Unapplied("c3", "DeleteObject", "photos", "c", "mocks3.commands/0@4", "dead-lettered"),
          new CommandAudit.Unapplied("c1", "PutObject", "photos", "b", "mocks3.commands/1@7", "lost"));
    }
  }

  @Test
  void everyCommandApplied_NoneUnapplied() {
    try (LineSorter commands = new LineSorter("commands"); LineSorter events = new LineSorter("events");
        LineSorter dead = new LineSorter("dead")) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        ids.add("id-" + i);
        commands.add("id-" + i, String.join(NUL, "PutObject", "0", Integer.toString(i), "b", "k" + i));
        events.add("id-" + (999 - i), "");
      }
      assertThat(CommandAudit.unapplied(commands.sorted(), events.sorted(), dead.sorted())).isEmpty();
    }
  }
}
