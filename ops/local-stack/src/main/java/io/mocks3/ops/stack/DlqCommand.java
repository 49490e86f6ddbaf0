package io.mocks3.ops.stack;

import io.mocks3.client.DeadLetterQueue;
import io.mocks3.client.DeadLetterTopic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ops/mocks3 dlq ...}: dead-letter topics through the control-plane client. A dead letter's
 * value and headers are JSON already, so show, redrive and purge print JSON; the list is a table.
 */
@Command(name = "dlq", description = {
    "Dead-letter topics, through the fault controller:",
    "  dlq                      every DLQ with its waiting and total records",
    "  dlq show <dlq> [-n N]    the waiting records: key, why (reason, error, fault rule), whence, value",
    "  dlq redrive <dlq> [--partition P --offset O]   put the waiting records (or one) back on their topic",
    "  dlq purge <dlq>          discard the waiting records"})
final class DlqCommand implements Callable<Integer> {
  @Mixin ControlOutput out;

  @Parameters(index = "0", arity = "0..1", defaultValue = "list", description = "list, show, redrive or purge")
  String action;

  @Parameters(index = "1", arity = "0..1", description = "the dead-letter topic, e.g. mocks3.commands.dlq")
  String topic;

  @Option(names = {"-n", "--limit"}, defaultValue = "20")
  int limit;

  @Option(names = "--partition")
  Integer partition;

  @Option(names = "--offset")
  Long offset;

  @Override
  public Integer call() {
    if (action.equals("list")) {
      List<DeadLetterTopic> topics = out.mocks3().deadLetterTopics();
      out.print(topics, ControlText.deadLetterTopics(topics));
      return 0;
    }
    if (topic == null) {
      throw out.usage("name the dead-letter topic, e.g. mocks3.commands.dlq");
    }
    if ((partition == null) != (offset == null)) {
      throw out.usage("name both --partition and --offset to re-drive one dead letter");
    }
    DeadLetterQueue dlq = out.mocks3().deadLetters(topic);
    Object answer = switch (action) {
      case "show" -> dlq.show(limit);
      case "redrive" -> partition == null ? dlq.redriveAll() : dlq.redrive(partition, offset);
      case "purge" -> Map.of("purged", dlq.purge());
      default -> throw out.usage("unknown action " + action + "; use list, show, redrive or purge");
    };
    out.out().println(ControlOutput.json(answer));
    return 0;
  }
}
