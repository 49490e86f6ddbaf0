package io.mocks3.ops.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;

/** A run as JSON: what ran, on which machine, every figure, the projector's lag and drain, and the preload. */
record RunDocument(String run, MachineInfo machine, List<Target> targets, List<Workload> workloads, int rounds,
                   String roundLength, List<Preload.Result> preloads, Report report) {

  RunDocument {
    targets = List.copyOf(targets);
  }

  /** Who ran and how, beside the report: a record beyond five parameters, per the house rule. */
  static RunDocument of(String run, MachineInfo machine, Bench bench, List<Target> targets, List<Workload> workloads,
                        List<Preload.Result> preloads, Report report) {
    String length = bench.count > 0 ? bench.count + " ops" : bench.duration.toMillis() + " ms";
    return new RunDocument(run, machine, targets, workloads, bench.rounds, length, preloads, report);
  }

  void write(Path file) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("run", run);
    document.put("machine", machine);
    document.put("targets", targets.stream().map(t -> Map.of("name", t.name(), "endpoint", t.endpoint().toString(),
        "headers", t.headers(), "inactiveRules", t.inactiveRules(),
        "consistency", report.consistency.getOrDefault(t.name(), Report.NOT_MOCKS3))).toList());
    document.put("workloads", workloads.stream().map(Workload::label).toList());
    document.put("rounds", rounds);
    document.put("roundLength", roundLength);
    document.put("preload", preloads);
    document.put("rows", report.rows);
    document.put("ratios", report.ratios);
    document.put("projectorLag", report.lags);
    document.put("drain", report.largestDrain());
    try {
      InactiveRules.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
