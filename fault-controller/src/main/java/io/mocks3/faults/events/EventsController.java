package io.mocks3.faults.events;

import io.mocks3.faults.JsonResponses;
import io.mocks3.faults.rules.RuleStore;
import io.mocks3.schemas.fault.FaultEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/events} (filters: rule, scenario, service, and what a fault hurt: bucket, key, command; limit, default 100) and
 * {@code GET /api/v1/stats}. The events of a run, exported here, are what a replay starts from.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class EventsController {
  private final FaultEventLog events;
  private final RuleStore rules;

  EventsController(FaultEventLog events, RuleStore rules) {
    this.events = events;
    this.rules = rules;
  }

  @GetMapping("/events")
  ResponseEntity<String> events(@RequestParam(required = false) String rule, @RequestParam(required = false) String scenario,
      @RequestParam(required = false) String service, @RequestParam(required = false) String bucket,
      @RequestParam(required = false) String key, @RequestParam(required = false) String command,
      @RequestParam(defaultValue = "100") int limit) {
    Predicate<FaultEvent> filter = e -> (rule == null || rule.equals(e.ruleId()))
        && (scenario == null || Objects.equals(scenario, e.scenario()))
        && (service == null || service.equals(e.service()))
        && e.subject().matches(bucket, key)
        && (command == null || command.equals(e.subject().commandId()));
    List<FaultEvent> found = events.events(filter, Math.max(0, Math.min(limit, 10_000)));
    return JsonResponses.ok(Map.of("events", found, "count", found.size()));
  }

  @GetMapping("/stats")
  ResponseEntity<String> stats() {
    Map<String, Object> body = new LinkedHashMap<>(events.stats());
    body.put("rules", rules.rules().size());
    body.put("enabled_rules", rules.rules().stream().filter(r -> r.isEnabled()).count());
    body.put("kill_switch", rules.killSwitch());
    return JsonResponses.ok(body);
  }
}
