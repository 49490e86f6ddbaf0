package io.mocks3.ops.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mocks3.schemas.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ops/mocks3 run ...}: chaos experiments and their reports, without writing JSON by hand. */
@Command(name = "run", description = {
    "Chaos experiments (runs): the gateway records the S3 history while one is open; its report says what the faults did.",
    "  run start <name> [--seed N] [--chaos TOPIC:JSON]... [--scenario S] [--expect MEASURE=MAX]... [--settle 5s]",
    "  run stop <id>        remove the run's faults, let the system settle, end it",
    "  run report <id>      the verdict, the fates of the writes, what clients read (--json: all of it)",
    "  run list | run history <id> (history.jsonl, for ops/mocks3 check)"})
final class RunCommand implements Callable<Integer> {
  @CommandLine.ParentCommand LocalStack stack;

  @Parameters(index = "0", description = "start, stop, report, list or history")
  String action;

  @Parameters(index = "1", arity = "0..1", description = "the run's name (start) or id")
  String nameOrId;

  @Option(names = "--seed", description = "seed of the run's chaos and rules")
  Long seed;

  @Option(names = "--chaos", description = "chaos on a topic, e.g. 'mocks3.commands:{\"loss_rate\":0.1}'")
  List<String> chaos = List.of();

  @Option(names = "--scenario", description = "a scenario to run for the run's duration")
  String scenario;

  @Option(names = "--expect", description = "an expectation, e.g. lost_acknowledged_writes=0")
  List<String> expectations = List.of();

  @Option(names = "--settle", description = "how long to let the system settle after stop (default 2s)")
  String settle;

  @Option(names = "--json", description = "print the answer as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    String runs = stack.layout().url(StackLayout.FAULTS) + "/api/v1/runs";
    HttpResponse<String> response = switch (action) {
      case "start" -> LocalStack.request("POST", runs, startBody());
      case "stop" -> LocalStack.request("POST", runs + "/" + id() + "/stop");
      case "report" -> LocalStack.request("GET", runs + "/" + id() + "/report");
      case "history" -> LocalStack.request("GET", runs + "/" + id() + "/history.jsonl");
      case "list" -> LocalStack.request("GET", runs);
      default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown action " + action
          + "; use start, stop, report, list or history");
    };
    if (response.statusCode() / 100 != 2 || json) {
      return LocalStack.printJson(response);
    }
    switch (action) {
      case "history" -> System.out.print(response.body());
      case "report" -> {
        JsonNode report = Json.mapper().readTree(response.body());
        System.out.print(RunSummary.of(report));
        return report.path("verdict").path("pass").asBoolean() ? 0 : 1;
      }
      case "list" -> Json.mapper().readTree(response.body()).path("runs").forEach(r -> System.out.printf("%s  %-8s %s  %s%n",
          r.path("id").asText(), r.path("state").asText(), r.path("started_at").asText(), r.path("name").asText()));
      default -> {
        JsonNode run = Json.mapper().readTree(response.body());
        System.out.printf("run %s (%s): %s%n", run.path("id").asText(), run.path("name").asText(), run.path("state").asText());
      }
    }
    return 0;
  }

  private String id() {
    if (nameOrId == null) {
      throw new CommandLine.ParameterException(new CommandLine(this), "name the run's id (ops/mocks3 run list)");
    }
    return nameOrId;
  }

  private String startBody() throws Exception {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("name", nameOrId == null ? "run" : nameOrId);
    if (seed != null) {
      body.put("seed", seed);
    }
    if (scenario != null) {
      body.put("scenario", scenario);
    }
    if (settle != null) {
      body.put("settle", settle);
    }
    var chaosList = body.putArray("chaos");
    for (String c : chaos) {
      int colon = c.indexOf(':');
      if (colon < 0) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--chaos takes TOPIC:JSON, e.g. "
            + "'mocks3.commands:{\"loss_rate\":0.1}'");
      }
      ObjectNode setting = (ObjectNode) Json.mapper().readTree(c.substring(colon + 1));
      setting.put("topic", c.substring(0, colon));
      chaosList.add(setting);
    }
    ObjectNode expect = body.putObject("expectations");
    for (String e : expectations) {
      String[] parts = e.split("=", 2);
      if (parts.length != 2) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--expect takes MEASURE=MAX, e.g. lost_acknowledged_writes=0");
      }
      expect.put(parts[0], Double.parseDouble(parts[1]));
    }
    return Json.mapper().writeValueAsString(body);
  }
}
