package io.mocks3.ops.stack;

import tools.jackson.databind.JsonNode;
import io.mocks3.client.Chaos;
import io.mocks3.schemas.fault.Durations;
import java.util.LinkedHashMap;
import java.util.Map;
import io.mocks3.schemas.Json;

/**
 * Chaos written on a command line, {@code loss=0.1,duplicate=0.02,key=photos}, onto a {@link Chaos}.
 * The control plane's JSON field names are accepted too ({@code loss_rate}, and a JSON object), as
 * older examples wrote them.
 */
final class ChaosArguments {
  static final String NAMES = "loss, duplicate, dead-letter, reorder, window, delay, delay-rate, consumer, key, seed, ttl";

  private ChaosArguments() {}

  /** {@code TOPIC:SETTINGS} (a run's --chaos) as a chaos setting for that topic. */
  static Chaos topicAndSettings(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--chaos takes TOPIC:SETTINGS, e.g. mocks3.commands:loss=0.1,duplicate=0.02");
    }
    Chaos chaos = Chaos.on(text.substring(0, colon));
    apply(settings(text.substring(colon + 1)), chaos);
    return chaos;
  }

  /** {@code loss=0.1,key=photos} (or a JSON object) as name to value. */
  static Map<String, String> settings(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String trimmed = text.trim();
    if (trimmed.startsWith("{")) {
      try {
        JsonNode tree = Json.mapper().readTree(trimmed);
        tree.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
      } catch (tools.jackson.core.JacksonException e) {
        throw new IllegalArgumentException("not a JSON object: " + trimmed);
      }
      return out;
    }
    for (String pair : trimmed.split(",")) {
      String[] kv = pair.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new IllegalArgumentException("chaos settings are NAME=VALUE separated by commas, e.g. loss=0.1,key=photos; got \""
            + pair + "\"");
      }
      out.put(kv[0].trim(), kv[1].trim());
    }
    return out;
  }

  /** Sets each named setting on {@code chaos}; an unknown name or a bad value is an IllegalArgumentException naming it. */
  static void apply(Map<String, String> settings, Chaos chaos) {
    String delayRateName = settings.containsKey("delay_rate") ? "delay_rate" : "delay-rate";
    double delayRate = settings.containsKey(delayRateName) ? rate(settings, delayRateName) : 1.0;
    String windowName = settings.containsKey("reorder_window") ? "reorder_window" : "window";
    int window = settings.containsKey(windowName) ? integer(settings, windowName) : 1;
    settings.forEach((name, value) -> {
      switch (name) {
        case "loss", "loss_rate" -> chaos.loss(rate(settings, name));
        case "duplicate", "duplicate_rate" -> chaos.duplicate(rate(settings, name));
        case "dead-letter", "dead_letter_rate" -> chaos.deadLetter(rate(settings, name));
        case "reorder", "reorder_rate" -> chaos.reorder(rate(settings, name), window);
        case "delay" -> chaos.delay(duration(name, value), delayRate);
        case "consumer" -> chaos.consumer(value);
        case "key", "key_filter" -> chaos.keyFilter(value);
        case "seed" -> chaos.seed(integer(settings, name));
        case "ttl" -> chaos.ttl(duration(name, value));
        case "window", "reorder_window", "delay-rate", "delay_rate" -> { } // read with reorder and delay
        default -> throw new IllegalArgumentException("unknown chaos setting \"" + name + "\"; known: " + NAMES);
      }
    });
  }

  private static double rate(Map<String, String> settings, String name) {
    try {
      double rate = Double.parseDouble(settings.get(name));
      if (rate < 0 || rate > 1) {
        throw new NumberFormatException();
      }
      return rate;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is a probability from 0 to 1, e.g. 0.05; got \"" + settings.get(name) + "\"");
    }
  }

  private static int integer(Map<String, String> settings, String name) {
    try {
      return Integer.parseInt(settings.get(name));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is a whole number; got \"" + settings.get(name) + "\"");
    }
  }

  private static java.time.Duration duration(String name, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage());
    }
  }
}
