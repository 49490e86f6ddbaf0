package io.mocks3.faults.process;

import static io.mocks3.faults.JsonResponses.error;
import static io.mocks3.faults.JsonResponses.json;

import tools.jackson.databind.JsonNode;
import io.mocks3.faults.agent.process.ProcessScenarios;
import io.mocks3.faults.rules.RuleStore;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.fault.ProcessOrder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * Process scenarios driven from the control plane, in any service or all of them: an order on
 * {@code mocks3.faults} (key {@code process:<target>}) that every agent follows, so it reaches its
 * target within a second, replaces what the target ran before, and outlives restarts.
 * <ul>
 *   <li>{@code POST /api/v1/process/{target}/composite/start {scenarios: [{name, params, duration}]}}
 *       (duration: seconds as a number, or text such as "30s" or "PT2M");
 *   <li>{@code POST /api/v1/process/{target}/scenarios/{name}/start} (body: params, optional duration);
 *   <li>{@code POST /api/v1/process/{target}/stop}; {@code GET /api/v1/process}: the orders in force.
 * </ul>
 * {@code target}: {@code all}, a service (api-gateway, metadata-projector, storage-node,
 * task-workers, fault-controller) or an instance (node-1, node-2). Each service reports what it
 * runs at its own {@code GET /api/v1/composite/status}.
 */
@RestController
@RequestMapping(value = "/api/v1/process", produces = MediaType.APPLICATION_JSON_VALUE)
class ProcessController {
  private static final Pattern TARGET = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private final RuleStore store;
  private final Clock clock;

  ProcessController(RuleStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @GetMapping
  ResponseEntity<String> orders() {
    return json(HttpStatus.OK, Map.of("orders", store.processOrders().values()));
  }

  @PostMapping("/{target}/composite/start")
  ResponseEntity<String> composite(@PathVariable String target, @RequestBody byte[] body) {
    List<ProcessOrder.Step> steps = new ArrayList<>();
    try {
      JsonNode tree = Json.mapper().readTree(body);
      for (JsonNode s : tree.path("scenarios")) {
        Object duration = s.hasNonNull("duration") ? Json.mapper().convertValue(s.get("duration"), Object.class) : null;
        steps.add(new ProcessOrder.Step(s.path("name").asString(null),
            s.has("params") ? Json.mapper().convertValue(s.get("params"), Map.class) : Map.of(),
            ProcessScenarios.stepSeconds(duration)));
      }
    } catch (IllegalArgumentException e) {
      return badDuration(e).orElseGet(() -> malformed());
    } catch (JacksonException e) {
      return malformed();
    }
    return order(target, steps);
  }

  @PostMapping("/{target}/scenarios/{name}/start")
  ResponseEntity<String> single(@PathVariable String target, @PathVariable String name,
      @RequestBody(required = false) byte[] body) {
    Map<String, Object> params;
    try {
      params = body == null || body.length == 0 ? new java.util.HashMap<>() : new java.util.HashMap<>(Json.mapper().readValue(body, Map.class));
    } catch (JacksonException e) {
      return error(HttpStatus.BAD_REQUEST, "the body must be a JSON object of parameters", List.of());
    }
    Long seconds;
    try {
      seconds = ProcessScenarios.stepSeconds(params.remove("duration"));
    } catch (IllegalArgumentException e) {
      return badDuration(e).orElseThrow();
    }
    return order(target, List.of(new ProcessOrder.Step(name, params, seconds)));
  }

  /** A duration that is not one: 400 naming the field ({@link ProcessScenarios#duration} says "duration: ..."). */
  private static java.util.Optional<ResponseEntity<String>> badDuration(IllegalArgumentException e) {
    return e.getMessage() != null && e.getMessage().startsWith("duration: ")
        ? java.util.Optional.of(error(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(), "duration"))
        : java.util.Optional.empty();
  }

  private static ResponseEntity<String> malformed() {
    return error(HttpStatus.BAD_REQUEST, "expected {\"scenarios\": [{\"name\", \"params\", \"duration\"}]}", List.of());
  }

  @PostMapping("/{target}/stop")
  ResponseEntity<String> stop(@PathVariable String target) {
    if (!store.processOrders().containsKey(target)) {
      return error(HttpStatus.NOT_FOUND, "no process order for " + target, List.of());
    }
    store.deleteProcess(target);
    return json(HttpStatus.OK, Map.of("stopped", target));
  }

  private ResponseEntity<String> order(String target, List<ProcessOrder.Step> steps) {
    List<String> problems = new ArrayList<>();
    if (!TARGET.matcher(target).matches()) {
      problems.add("target must be all, a service or an instance name");
    }
    if (steps.isEmpty()) {
      problems.add("name at least one scenario");
    }
    for (ProcessOrder.Step s : steps) {
      if (s.name() == null || !ProcessScenarios.NAMES.contains(s.name())) {
        problems.add("unknown scenario " + s.name() + "; known: " + ProcessScenarios.NAMES);
      }
    }
    if (!problems.isEmpty()) {
      return error(HttpStatus.BAD_REQUEST, "invalid process order", problems);
    }
    ProcessOrder order = new ProcessOrder(UUID.randomUUID().toString(), target, steps, clock.instant());
    store.saveProcess(order);
    return json(HttpStatus.OK, order);
  }
}
