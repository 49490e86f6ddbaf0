package io.mocks3.ops.stack;

import io.mocks3.client.Chaos;
import io.mocks3.client.ChaosTopic;
import io.mocks3.client.MockS3Control;
import io.mocks3.client.Poisoned;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ops/mocks3 chaos ...}: chaos on a topic's consumers, and poison records. */
@Command(name = "chaos", description = {
    "Chaos on a topic's consumers (mocks3.commands, mocks3.blobs, mocks3.notifications, mocks3.cdc, mocks3.events, mocks3.blob-acks):",
    "  chaos set mocks3.commands --loss 0.05 --duplicate 0.02 --seed 7 [--key BUCKET] [--consumer C] [--ttl 5m]",
    "  chaos show [TOPIC] | chaos clear TOPIC | chaos clear --all",
    "  chaos poison mocks3.commands [--count N] [--key K]   undeserializable records its consumers must dead-letter"},
    subcommands = {ChaosCommand.Set.class, ChaosCommand.Show.class, ChaosCommand.Clear.class, ChaosCommand.Poison.class})
final class ChaosCommand {

  @Command(name = "set", description = "Replace a topic's chaos with this; it is in force everywhere when this returns.")
  static final class Set implements Callable<Integer> {
    @Mixin ControlOutput out;

    @Parameters(index = "0", description = "the topic, e.g. mocks3.commands") String topic;
    @Option(names = "--loss", description = "share of records lost, 0 to 1") Double loss;
    @Option(names = "--duplicate", description = "share of records applied twice") Double duplicate;
    @Option(names = "--dead-letter", description = "share of records set aside in the topic's .dlq") Double deadLetter;
    @Option(names = "--reorder", description = "share of records applied after the next --window ones") Double reorder;
    @Option(names = "--window", defaultValue = "1", description = "how many records overtake a reordered one") int window;
    @Option(names = "--delay", converter = ControlOutput.DurationConverter.class, description = "how late delayed records are")
    Duration delay;
    @Option(names = "--delay-rate", defaultValue = "1.0", description = "share of records delayed (with --delay)") double delayRate;
    @Option(names = "--consumer", description = "only this consumer, e.g. metadata-projector, storage-node-1") String consumer;
    @Option(names = "--key", description = "only records with this key (commands: the bucket)") String key;
    @Option(names = "--seed", description = "makes the draws reproducible") Long seed;
    @Option(names = "--ttl", converter = ControlOutput.DurationConverter.class, description = "it ends by itself after, e.g. 5m")
    Duration ttl;

    @Override
    public Integer call() {
      if (loss == null && duplicate == null && deadLetter == null && reorder == null && delay == null) {
        throw out.usage("say what to do: --loss, --duplicate, --dead-letter, --reorder or --delay");
      }
      ChaosTopic applied = settings(out.mocks3().chaos(topic)).apply();
      out.print(applied, ControlText.chaos(applied));
      return 0;
    }

    Chaos settings(Chaos chaos) {
      rate("--loss", loss, chaos::loss);
      rate("--duplicate", duplicate, chaos::duplicate);
      rate("--dead-letter", deadLetter, chaos::deadLetter);
      rate("--reorder", reorder, r -> chaos.reorder(r, window));
      if (delay != null) {
        rate("--delay-rate", delayRate, r -> chaos.delay(delay, r));
      }
      if (consumer != null) {
        chaos.consumer(consumer);
      }
      if (key != null) {
        chaos.keyFilter(key);
      }
      if (seed != null) {
        chaos.seed(seed);
      }
      if (ttl != null) {
        chaos.ttl(ttl);
      }
      return chaos;
    }

    private void rate(String option, Double value, java.util.function.DoubleConsumer set) {
      if (value == null) {
        return;
      }
      if (value < 0 || value > 1) {
        throw out.usage(option + " is a probability from 0 to 1, e.g. 0.05; got " + value);
      }
      set.accept(value);
    }
  }

  @Command(name = "show", description = "The chaos in force (on one topic, or all).")
  static final class Show implements Callable<Integer> {
    @Mixin ControlOutput out;

    @Parameters(arity = "0..1", description = "the topic") String topic;

    @Override
    public Integer call() {
      MockS3Control mocks3 = out.mocks3();
      List<ChaosTopic> shown = topic == null ? mocks3.chaos() : mocks3.chaos(topic).show().map(List::of).orElse(List.of());
      out.print(shown, ControlText.chaos(shown));
      return 0;
    }
  }

  @Command(name = "clear", description = "End a topic's chaos (or every topic's, with --all).")
  static final class Clear implements Callable<Integer> {
    @Mixin ControlOutput out;

    @Parameters(arity = "0..1", description = "the topic") String topic;
    @Option(names = "--all", description = "every topic") boolean all;

    @Override
    public Integer call() {
      if ((topic == null) == !all) {
        throw out.usage("name a topic, or --all");
      }
      MockS3Control mocks3 = out.mocks3();
      List<String> topics = all ? mocks3.chaos().stream().map(ChaosTopic::topic).toList() : List.of(topic);
      topics.forEach(t -> mocks3.chaos(t).clear());
      out.print(java.util.Map.of("cleared", topics), "no chaos on " + (all ? "any topic" : topic) + System.lineSeparator());
      return 0;
    }
  }

  @Command(name = "poison", description = "Append undeserializable records to a topic; its consumers must dead-letter them.")
  static final class Poison implements Callable<Integer> {
    @Mixin ControlOutput out;

    @Parameters(description = "the topic: mocks3.commands, mocks3.blobs, mocks3.notifications or mocks3.cdc") String topic;
    @Option(names = "--count", defaultValue = "1", description = "how many, 1 to 1000") int count;
    @Option(names = "--key", description = "their key (commands: a bucket)") String key;

    @Override
    public Integer call() {
      if (count < 1 || count > 1000) {
        throw out.usage("--count is from 1 to 1000; got " + count);
      }
      Poisoned done = out.mocks3().chaos(topic).poison(count, key);
      out.print(done, "appended " + done.poisoned() + " poison records " + done.records() + "; their consumers dead-letter "
          + "them to " + done.deadLetterTopic() + System.lineSeparator());
      return 0;
    }
  }
}
