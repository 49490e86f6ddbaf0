package io.mocks3.projector.replay;

import io.mocks3.kafkaconfig.LogReader;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.ObjectCommand;
import io.mocks3.schemas.event.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The projections against what was acknowledged: every command durable on {@code mocks3.commands}
 * (what an eventual write's 200 promises) that the projector has passed must have an event on
 * {@code mocks3.events}. One that has none was lost on the way, or waits in the dead-letter queue;
 * both are named by bucket and key. Commands beyond the projector's committed position are pending,
 * not missing.
 */
public final class CommandAudit {
  private final String bootstrapServers;
  private final String applicationId;

  public CommandAudit(String bootstrapServers, String applicationId) {
    this.bootstrapServers = bootstrapServers;
    this.applicationId = applicationId;
  }

  /** A command the projector passed without applying it. */
  public record Unapplied(String commandId, String type, String bucket, String key, String position, String state) {}

  public record Result(long passed, long pending, List<Unapplied> unapplied) {}

  /**
   * Reads the three logs once each. The commands passed, the events and the dead letters are each
   * sorted on disk by command id ({@link LineSorter}) and merged, so a log of millions of commands
   * is audited in flat memory (a map of every passed command ran the projector's heap out at a
   * million objects). The commands found unapplied are listed in log order.
   */
  public Result audit() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> passed = committed();
    long[] counts = new long[2];
    try (LineSorter commands = new LineSorter("commands passed"); LineSorter applied = new LineSorter("events");
        LineSorter deadLettered = new LineSorter("dead-lettered commands")) {
      LogReader.readAll(bootstrapServers, Topics.COMMANDS, JsonSerde.of(Command.class), record -> {
        OffsetAndMetadata at = passed.get(new TopicPartition(record.topic(), record.partition()));
        if (at == null || record.offset() >= at.offset()) {
          counts[1]++;
        } else if (record.value() != null) {
          counts[0]++;
          Command command = record.value();
          String key = command instanceof ObjectCommand o ? o.key().value() : null;
          commands.add(command.commandId(), String.join(SEPARATOR, command.getClass().getSimpleName(),
              Integer.toString(record.partition()), Long.toString(record.offset()), command.bucket().value())
              + (key == null ? "" : SEPARATOR + key));
        }
      });
      LogReader.readAll(bootstrapServers, Topics.EVENTS, JsonSerde.of(Event.class), record -> {
        if (record.value() != null) {
          applied.add(record.value().commandId(), "");
        }
      });
      LogReader.readAll(bootstrapServers, Topics.deadLetterOf(Topics.COMMANDS), JsonSerde.of(Command.class), record -> {
        if (record.value() != null) {
          deadLettered.add(record.value().commandId(), "");
        }
      });
      try (LineCursor c = commands.sorted(); LineCursor a = applied.sorted(); LineCursor d = deadLettered.sorted()) {
        return new Result(counts[0], counts[1], unapplied(c, a, d));
      }
    }
  }

  /** Between the fields of a command's line: no bucket or key can hold NUL. */
  private static final String SEPARATOR = "\0";

  /**
   * The commands (lines of {@code commandId -> type, partition, offset, bucket[, key]}) with no
   * event, each "dead-lettered" when the dead letters name it, else "lost"; in log order. Every
   * cursor is in command id order.
   */
  static List<Unapplied> unapplied(LineCursor commands, LineCursor applied, LineCursor deadLettered) {
    record AtOffset(int partition, long offset, Unapplied unapplied) {}
    List<AtOffset> found = new ArrayList<>();
    Line event = applied.hasNext() ? applied.next() : null;
    Line dead = deadLettered.hasNext() ? deadLettered.next() : null;
    while (commands.hasNext()) {
      Line command = commands.next();
      while (event != null && Line.ID_ORDER.compare(event.id(), command.id()) < 0) {
        event = applied.hasNext() ? applied.next() : null;
      }
      if (event != null && event.id().equals(command.id())) {
        continue;
      }
      while (dead != null && Line.ID_ORDER.compare(dead.id(), command.id()) < 0) {
        dead = deadLettered.hasNext() ? deadLettered.next() : null;
      }
      String state = dead != null && dead.id().equals(command.id()) ? "dead-lettered" : "lost";
      // type, partition, offset, bucket[, key]
      String[] fields = command.value().split(SEPARATOR, 5);
      found.add(new AtOffset(Integer.parseInt(fields[1]), Long.parseLong(fields[2]), new Unapplied(command.id(), fields[0],
          fields[3], fields.length > 4 ? fields[4] : null, Topics.COMMANDS + "/" + fields[1] + "@" + fields[2], state)));
    }
    found.sort(Comparator.comparingInt(AtOffset::partition).thenComparingLong(AtOffset::offset));
    return found.stream().map(AtOffset::unapplied).toList();
  }

  /** How far the projector's consumer group has committed on the command log. */
  private Map<TopicPartition, OffsetAndMetadata> committed() throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(applicationId)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> commands = new HashMap<>();
      all.forEach((tp, at) -> {
        if (tp.topic().equals(Topics.COMMANDS) && at != null) {
          commands.put(tp, at);
        }
      });
      return commands;
    }
  }
}
