package io.mocks3.projector.replay;

import io.mocks3.kafkaconfig.LogReader;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.ObjectCommand;
import io.mocks3.schemas.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  public Result audit() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> passed = committed();
    Map<String, Unapplied> open = new LinkedHashMap<>();
    long[] counts = new long[2];
    LogReader.readAll(bootstrapServers, Topics.COMMANDS, JsonSerde.of(Command.class), record -> {
      OffsetAndMetadata at = passed.get(new TopicPartition(record.topic(), record.partition()));
      if (at == null || record.offset() >= at.offset()) {
        counts[1]++;
      } else if (record.value() != null) {
        counts[0]++;
        open.put(record.value().commandId(), unapplied(record.value(), record.topic() + "/" + record.partition() + "@"
            + record.offset(), "lost"));
      }
    });
    LogReader.readAll(bootstrapServers, Topics.EVENTS, JsonSerde.of(Event.class), record -> {
      if (record.value() != null) {
        open.remove(record.value().commandId());
      }
    });
    LogReader.readAll(bootstrapServers, Topics.deadLetterOf(Topics.COMMANDS), JsonSerde.of(Command.class), record -> {
      if (record.value() != null) {
        open.computeIfPresent(record.value().commandId(), (id, u) -> new Unapplied(u.commandId(), u.type(), u.bucket(),
            u.key(), u.position(), "dead-lettered"));
      }
    });
    return new Result(counts[0], counts[1], new ArrayList<>(open.values()));
  }

  private static Unapplied unapplied(Command command, String position, String state) {
    String key = command instanceof ObjectCommand o ? o.key().value() : null;
    return new Unapplied(command.commandId(), command.getClass().getSimpleName(), command.bucket().value(), key,
        position, state);
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
