package io.mocks3.faults.scenarios;

import io.mocks3.faults.JsonResponses;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.fault.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import io.mocks3.faults.agent.process.ProcessScenarios;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * {@code GET /api/v1/scenarios} (what is shipped, what runs), {@code GET /api/v1/scenarios/{name}},
 * {@code POST /api/v1/scenarios/{name}/start} with optional {@code {"duration": "5m"}} (or
 * seconds as a number), {@code POST /api/v1/scenarios/{name}/stop}.
 */
@RestController
@RequestMapping(value = "/api/v1/scenarios", produces = MediaType.APPLICATION_JSON_VALUE)
class ScenariosController {
  private final Scenarios scenarios;

  private final ProcessScenarios process;

  ScenariosController(Scenarios scenarios, ProcessScenarios process) {
    this.scenarios = scenarios;
    this.process = process;
  }

  /** The fault scenarios, and this process's own process scenarios (every service has those; see {@code /api/v1/process}). */
  @GetMapping
  ResponseEntity<String> list() {
    return JsonResponses.ok(Map.of("available", scenarios.catalogue().values(), "active", scenarios.active().values(),
        "process_scenarios", process.list()));
  }

  @GetMapping("/{name}")
  ResponseEntity<String> get(@PathVariable String name) {
    Scenarios.Definition definition = scenarios.catalogue().get(name);
    if (definition == null) {
      return JsonResponses.error(HttpStatus.NOT_FOUND, "no scenario " + name, List.of());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("scenario", definition);
    body.put("active", scenarios.active().get(name));
    return JsonResponses.ok(body);
  }

  @PostMapping("/{name}/start")
  ResponseEntity<String> start(@PathVariable String name, @RequestBody(required = false) byte[] body) {
    Duration duration;
    try {
      duration = duration(body);
    } catch (IllegalArgumentException e) {
      return JsonResponses.error(HttpStatus.BAD_REQUEST, "duration: " + e.getMessage(), List.of(), "duration");
    } catch (JacksonException e) {
      return JsonResponses.error(HttpStatus.BAD_REQUEST, "the body must be JSON, e.g. {\"duration\": \"5m\"}", List.of());
    }
    if (!scenarios.catalogue().containsKey(name)) {
      return JsonResponses.error(HttpStatus.NOT_FOUND, "no scenario " + name + "; there are " + scenarios.catalogue().keySet(),
          List.of());
    }
    try {
      return JsonResponses.ok(scenarios.start(name, duration));
    } catch (IllegalArgumentException e) {
      return JsonResponses.error(HttpStatus.BAD_REQUEST, e.getMessage(), List.of());
    }
  }

  @PostMapping("/{name}/stop")
  ResponseEntity<String> stop(@PathVariable String name) {
    return scenarios.stop(name)
        ? JsonResponses.ok(Map.of("stopped", name))
        : JsonResponses.error(HttpStatus.NOT_FOUND, "scenario " + name + " is not running", List.of());
  }

  /** The optional {@code duration}: seconds as a number, or text such as "5m" or "PT5M" ({@link Durations#fromJson}). */
  private static Duration duration(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    var node = Json.mapper().readTree(body).get("duration");
    if (node == null || node.isNull()) {
      return null;
    }
    Duration d = Durations.fromJson(node.isNumber() ? node.numberValue() : node.asString());
    if (d.isZero()) {
      throw new IllegalArgumentException("must be positive (" + Durations.EXAMPLES + ")");
    }
    return d;
  }
}
