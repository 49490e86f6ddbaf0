package io.mocks3.faults.runs;

import static io.mocks3.faults.JsonResponses.error;
import static io.mocks3.faults.JsonResponses.json;

import io.mocks3.faults.agent.FaultTopicIds;
import io.mocks3.faults.events.FaultEventLog;
import io.mocks3.faults.rules.RuleStore;
import io.mocks3.faults.rules.RuleValidator;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.fault.ChaosTopic;
import io.mocks3.schemas.fault.FaultEvent;
import io.mocks3.schemas.fault.FaultRule;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * Reproducible runs:
 * <ul>
 *   <li>{@code GET /api/v1/runs/export} (filters: {@code scenario}, {@code rule}, {@code since} —
 *       an ISO instant) — the run's injections, the definitions of the rules that made them and
 *       the chaos topics in force, as one JSON document;
 *   <li>{@code POST /api/v1/runs/replay} with such a document — installs rules that hit exactly the
 *       recorded positions (see {@link Replays}) and the exported chaos topics; answers their ids.
 * </ul>
 */
@RestController
@RequestMapping(value = "/api/v1/runs", produces = MediaType.APPLICATION_JSON_VALUE)
class RunsController {
  private final FaultEventLog events;
  private final RuleStore store;
  private final Clock clock;

  RunsController(FaultEventLog events, RuleStore store, Clock clock) {
    this.events = events;
    this.store = store;
    this.clock = clock;
  }

  @GetMapping("/export")
  ResponseEntity<String> export(@RequestParam(required = false) String scenario, @RequestParam(required = false) String rule,
      @RequestParam(required = false) String since) {
    Instant from;
    try {
      from = since == null ? Instant.EPOCH : Instant.parse(since);
    } catch (DateTimeParseException e) {
      return error(HttpStatus.BAD_REQUEST, "since must be an ISO-8601 instant, e.g. 2026-11-23T10:00:00Z", List.of());
    }
    Predicate<FaultEvent> filter = e -> !e.at().isBefore(from)
        && (scenario == null || Objects.equals(scenario, e.scenario()))
        && (rule == null || rule.equals(e.ruleId()));
    List<FaultEvent> run = events.read(from, Instant.MAX, filter);
    List<FaultRule> rules = run.stream().map(FaultEvent::ruleId).distinct()
        .map(store::definition).flatMap(Optional::stream).toList();
    List<ChaosTopic> chaos = store.chaosTopics().stream()
        .filter(c -> run.stream().anyMatch(e -> e.ruleId().equals(FaultTopicIds.chaosRuleId(c.topic())))).toList();
    return json(HttpStatus.OK, new RunExport(clock.instant(), rules, chaos, run));
  }

  @PostMapping("/replay")
  ResponseEntity<String> replay(@RequestBody byte[] body) {
    RunExport run;
    try {
      run = Json.mapper().readValue(body, RunExport.class);
    } catch (JacksonException e) {
      return error(HttpStatus.BAD_REQUEST, "the body is not a run export (GET /api/v1/runs/export)", List.of());
    }
    List<FaultRule> plan = Replays.plan(run);
    List<String> problems = new ArrayList<>();
    for (FaultRule r : plan) {
      RuleValidator.problems(r).forEach(p -> problems.add(r.name() + ": " + p));
    }
    problems.addAll(Replays.chaosProblems(run));
    if (plan.isEmpty() && run.chaos().isEmpty()) {
      problems.add("the export holds no rule injection to replay and no chaos topic");
    }
    if (!problems.isEmpty()) {
      return error(HttpStatus.BAD_REQUEST, "cannot replay this run", problems);
    }
    Instant now = clock.instant();
    List<String> ids = new ArrayList<>();
    for (FaultRule r : plan) {
      String id = UUID.randomUUID().toString();
      store.save(r.withIdentity(id, now, null));
      ids.add(id);
    }
    run.chaos().forEach(c -> store.saveChaos(c.on(c.topic(), now)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rules", ids);
    out.put("chaos", run.chaos().stream().map(ChaosTopic::topic).toList());
    out.put("injections", run.events().stream().filter(e -> e.match() != null).count());
    return json(HttpStatus.CREATED, out);
  }
}
