package io.mocks3.ops.stack;

import io.mocks3.client.MockS3Control;
import io.mocks3.client.ProcessOrder;
import io.mocks3.client.Scenarios;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ops/mocks3 scenario ...}: the shipped fault scenarios, and process scenarios in a service. */
@Command(name = "scenario", description = {
    "Fault scenarios (named sets of rules and chaos) and process scenarios (CPU burn, latency, crash, ...) in a service:",
    "  scenario list",
    "  scenario start storage_failure [--duration 5m] | scenario stop storage_failure",
    "  scenario process task-workers network_latency --param latency_ms=50 [--duration 2m]",
    "  scenario process-stop task-workers | scenario processes"},
    subcommands = {ScenarioCommand.ListScenarios.class, ScenarioCommand.Start.class, ScenarioCommand.Process.class,
        ScenarioCommand.Processes.class})
final class ScenarioCommand {

  @Command(name = "list", description = "The scenarios there are, and which run.")
  static final class ListScenarios implements Callable<Integer> {
    @Mixin ControlOutput out;

    @Override
    public Integer call() {
      Scenarios scenarios = out.mocks3().scenarios();
      List<Scenarios.Scenario> available = scenarios.available();
      List<Scenarios.ActiveScenario> active = scenarios.active();
      out.print(Map.of("available", available, "active", active), ControlText.scenarios(available, active));
      return 0;
    }
  }

  @Command(name = "start", description = "Start a scenario (until stopped, or for --duration).")
  static final class Start implements Callable<Integer> {
    @Mixin ControlOutput out;

    @Parameters(description = "the scenario, e.g. storage_failure (scenario list)") String name;
    @Option(names = "--duration", converter = ControlOutput.DurationConverter.class, description = "it ends by itself after, e.g. 5m")
    Duration duration;

    @Override
    public Integer call() {
      Scenarios scenarios = out.mocks3().scenarios();
      Scenarios.ActiveScenario started = duration == null ? scenarios.start(name) : scenarios.start(name, duration);
      out.print(started, "scenario " + name + " started" + (started.deadline() == null ? "" : ", ends at " + started.deadline())
          + ": rules " + started.ruleIds() + ", chaos on " + started.chaosTopics() + System.lineSeparator());
      return 0;
    }
  }

  @Command(name = "stop", description = "Stop a scenario: what it added is removed.")
  int stop(@Mixin ControlOutput out, @Parameters(paramLabel = "NAME", description = "the scenario") String name) {
    out.mocks3().scenarios().stop(name);
    out.print(Map.of("stopped", name), "scenario " + name + " stopped" + System.lineSeparator());
    return 0;
  }

  @Command(name = "process", description = "Run a process scenario in a target (all, a service, or an instance such as node-1).")
  static final class Process implements Callable<Integer> {
    @Mixin ControlOutput out;

    @Parameters(index = "0", description = "all, api-gateway, metadata-projector, storage-node, task-workers, fault-controller, node-1, ...")
    String target;
    @Parameters(index = "1", description = "the process scenario, e.g. cpu_burn, network_latency, delayed_crash") String scenario;
    @Option(names = "--param", description = "NAME=VALUE, e.g. latency_ms=50") Map<String, String> params = new LinkedHashMap<>();
    @Option(names = "--duration", converter = ControlOutput.DurationConverter.class, description = "it ends by itself after") Duration duration;

    @Override
    public Integer call() {
      Map<String, Object> values = new LinkedHashMap<>();
      params.forEach((k, v) -> values.put(k, number(v)));
      MockS3Control mocks3 = out.mocks3();
      ProcessOrder order = duration == null ? mocks3.process(target).start(scenario, values)
          : mocks3.process(target).start(scenario, values, duration);
      out.print(order, target + " runs " + scenario + " " + values + (duration == null ? "" : " for " + duration.toSeconds() + "s")
          + System.lineSeparator());
      return 0;
    }

    /** A parameter's value as the scenario reads it: a number when it is one. */
    private static Object number(String value) {
      try {
        return value.contains(".") ? (Object) Double.parseDouble(value) : (Object) Long.parseLong(value);
      } catch (NumberFormatException e) {
        return value;
      }
    }
  }

  @Command(name = "process-stop", description = "Stop what a target runs.")
  int processStop(@Mixin ControlOutput out, @Parameters(paramLabel = "TARGET", description = "the target") String target) {
    out.mocks3().process(target).stop();
    out.print(Map.of("stopped", target), target + " runs no process scenario" + System.lineSeparator());
    return 0;
  }

  @Command(name = "processes", description = "The process orders in force.")
  static final class Processes implements Callable<Integer> {
    @Mixin ControlOutput out;

    @Override
    public Integer call() {
      List<ProcessOrder> orders = out.mocks3().processOrders();
      StringBuilder text = new StringBuilder(orders.isEmpty() ? "no process orders" + System.lineSeparator() : "");
      orders.forEach(o -> o.scenarios().forEach(s -> text.append(String.format("%-20s %-18s %s%s%n", o.target(), s.name(), s.params(),
          s.duration() == null ? "" : " for " + s.duration() + "s"))));
      out.print(orders, text.toString());
      return 0;
    }
  }
}
