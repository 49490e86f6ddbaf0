package io.mocks3.faults.runs;

import tools.jackson.databind.JsonNode;
import io.mocks3.faults.rules.RuleValidator;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.Durations;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.run.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * Reads and validates {@code POST /api/v1/runs}: {@code name} (required), {@code seed},
 * {@code scenario}, {@code chaos} (chaos settings, each with its {@code topic}), {@code rules},
 * {@code expectations} (measure name to the most it may be, see {@link RunOracle#MEASURES}) and
 * {@code settle} (a duration). Chaos and rules are validated as their own endpoints validate them.
 */
final class RunRequests {
  private RunRequests() {}

  /** A problem with one field of the request. */
  static final class Invalid extends IllegalArgumentException {
    final String field;

    Invalid(String field, String message) {
      super(field + ": " + message);
      this.field = field;
    }
  }

  static Run parse(byte[] body, Set<String> scenarios) {
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(body);
    } catch (JacksonException e) {
      throw new Invalid("body", "not JSON: " + e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new Invalid("body", "a JSON object is required, e.g. {\"name\": \"loss 10%\"}");
    }
    String name = text(tree, "name");
    if (name == null || name.isBlank()) {
      throw new Invalid("name", "a run needs a name");
    }
    Long seed = tree.hasNonNull("seed") ? number(tree, "seed").longValue() : null;
    String scenario = text(tree, "scenario");
    if (scenario != null && !scenarios.contains(scenario)) {
      throw new Invalid("scenario", "no scenario \"" + scenario + "\"; known: " + scenarios);
    }
    String settle = text(tree, "settle");
    if (settle != null) {
      try {
        Durations.parse(settle);
      } catch (IllegalArgumentException e) {
        throw new Invalid("settle", e.getMessage());
      }
    }
    return new Run(null, name, seed, scenario, chaos(tree.path("chaos")), rules(tree.path("rules")),
        expectations(tree.path("expectations")), settle, List.of(), null, null, null, null);
  }

  private static List<ChaosTopic> chaos(JsonNode list) {
    List<ChaosTopic> chaos = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String field = "chaos[" + i + "]";
      ChaosTopic c = convert(list.get(i), ChaosTopic.class, field);
      if (c.topic() == null) {
        throw new Invalid(field + ".topic", "each chaos setting names its topic, e.g. \"mocks3.commands\"");
      }
      List<String> problems = RuleValidator.chaosProblems(c.topic(), c);
      if (!problems.isEmpty()) {
        String at = RuleValidator.unparseableDuration(c);
        throw new Invalid(at == null ? field : field + "." + at, String.join("; ", problems));
      }
      chaos.add(c);
    }
    return chaos;
  }

  private static List<FaultRule> rules(JsonNode list) {
    List<FaultRule> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String field = "rules[" + i + "]";
      FaultRule rule = convert(list.get(i), FaultRule.class, field);
      List<String> problems = RuleValidator.problems(rule);
      if (!problems.isEmpty()) {
        String at = RuleValidator.unparseableDuration(rule);
        throw new Invalid(at == null ? field : field + "." + at, String.join("; ", problems));
      }
      rules.add(rule);
    }
    return rules;
  }

  private static Map<String, Number> expectations(JsonNode node) {
    Map<String, Number> expectations = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return expectations;
    }
    if (!node.isObject()) {
      throw new Invalid("expectations", "an object of measure to limit, e.g. {\"lost_acknowledged_writes\": 0}");
    }
    node.properties().forEach(e -> {
      String field = "expectations." + e.getKey();
      if (!RunOracle.MEASURES.containsKey(e.getKey())) {
        throw new Invalid(field, "unknown measure; known: " + RunOracle.MEASURES.keySet());
      }
      if (!e.getValue().isNumber() || e.getValue().doubleValue() < 0) {
        throw new Invalid(field, "the most it may be: a number >= 0");
      }
      expectations.put(e.getKey(), e.getValue().numberValue());
    });
    return expectations;
  }

  private static <T> T convert(JsonNode node, Class<T> type, String field) {
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new Invalid(field, "not a valid " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode tree, String field) {
    JsonNode value = tree.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new Invalid(field, "must be a string");
    }
    return value.asString();
  }

  private static Number number(JsonNode tree, String field) {
    JsonNode value = tree.get(field);
    if (!value.isIntegralNumber()) {
      throw new Invalid(field, "must be an integer");
    }
    return value.numberValue();
  }
}
