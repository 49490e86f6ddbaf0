package io.mocks3.ops.stack;

import io.mocks3.client.Run;
import io.mocks3.client.RunReport;
import io.mocks3.client.RunSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ops/mocks3 run ...}: chaos experiments and their reports, through the control-plane client. */
@Command(name = "run", description = {
    "Chaos experiments (runs): the gateway records the S3 history while one is open; its report says what the faults did.",
    "  run start <name> [--seed N] [--chaos TOPIC:SETTINGS]... [--scenario S] [--expect MEASURE=MAX]... [--settle 5s]",
    "  run stop <id>        remove the run's faults, let the system settle, end it",
    "  run report <id>      the verdict, the fates of the writes, what clients read (exit status 0 when it passes)",
    "  run list | run show <id> | run history <id> (history.jsonl, for ops/mocks3 check)"},
    subcommands = RunCommand.Start.class)
final class RunCommand {

  @Command(name = "start", description = "Start a run; prints its id.")
  static final class Start implements Callable<Integer> {
    @Mixin ControlOutput out;

    @Parameters(index = "0", description = "the run's name")
    String name;

    @Option(names = "--seed", description = "seed of the run's chaos and rules")
    Long seed;

    @Option(names = "--chaos", description = "chaos while it runs, e.g. mocks3.commands:loss=0.1,duplicate=0.02 (settings: "
        + ChaosArguments.NAMES + ")")
    List<String> chaos = List.of();

    @Option(names = "--scenario", description = "a scenario to run for the run's duration")
    String scenario;

    @Option(names = "--expect", description = "a verdict check, MEASURE=MAX, e.g. lost_acknowledged_writes=0")
    List<String> expectations = List.of();

    @Option(names = "--settle", converter = ControlOutput.DurationConverter.class,
        description = "how long to let the system settle after stop (default 2s)")
    Duration settle;

    @Override
    public Integer call() {
      return print(out, out.mocks3().startRun(spec()));
    }

    RunSpec spec() {
      RunSpec spec = RunSpec.named(name);
      if (seed != null) {
        spec.seed(seed);
      }
      if (scenario != null) {
        spec.scenario(scenario);
      }
      if (settle != null) {
        spec.settle(settle);
      }
      try {
        chaos.forEach(c -> spec.chaos(ChaosArguments.topicAndSettings(c)));
      } catch (IllegalArgumentException e) {
        throw out.usage(e.getMessage());
      }
      for (String e : expectations) {
        String[] parts = e.split("=", 2);
        try {
          spec.expect(parts[0], Double.parseDouble(parts.length == 2 ? parts[1] : ""));
        } catch (NumberFormatException bad) {
          throw out.usage("--expect takes MEASURE=MAX, e.g. lost_acknowledged_writes=0; got \"" + e + "\"");
        }
      }
      return spec;
    }
  }

  @Command(name = "stop", description = "Remove the run's faults, let the system settle, end it.")
  int stop(@Mixin ControlOutput out, @Parameters(paramLabel = "ID", description = "the run's id (ops/mocks3 run list)") String id) {
    return print(out, find(out, id).stop());
  }

  @Command(name = "report", description = "The run's verdict and the fates of its writes; exit status 0 when it passes.")
  int report(@Mixin ControlOutput out, @Parameters(paramLabel = "ID", description = "the run's id") String id) {
    RunReport report = find(out, id).report();
    out.print(report.json(), RunSummary.of(report));
    return report.passed() ? 0 : 1;
  }

  @Command(name = "list", description = "Every run: id, state, start, name.")
  int list(@Mixin ControlOutput out) {
    List<Run> runs = out.mocks3().runs().list();
    out.print(runs.stream().map(Run::json).toList(), ControlText.runs(runs));
    return 0;
  }

  @Command(name = "show", description = "One run's state.")
  int show(@Mixin ControlOutput out, @Parameters(paramLabel = "ID", description = "the run's id") String id) {
    return print(out, find(out, id));
  }

  @Command(name = "history", description = "The S3 history the run recorded, one JSON line per operation.")
  int history(@Mixin ControlOutput out, @Parameters(paramLabel = "ID", description = "the run's id") String id) {
    out.out().print(find(out, id).history());
    return 0;
  }

  private static int print(ControlOutput out, Run run) {
    out.print(run.json(), ControlText.run(run));
    return 0;
  }

  private static Run find(ControlOutput out, String id) {
    return out.mocks3().runs().get(id).orElseThrow(() -> new IllegalArgumentException("no run with id " + id
        + " (ops/mocks3 run list)"));
  }
}
