package io.mocks3.faults.rules;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import io.mocks3.faults.JsonResponses;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.fault.Durations;
import io.mocks3.schemas.fault.FaultRule;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * The rule API: {@code POST/GET /api/v1/rules}, {@code GET/PUT/DELETE /api/v1/rules/{id}} and the
 * kill switch {@code GET/PUT/DELETE /api/v1/kill-switch}. Bodies are JSON in the rule format
 * (snake_case action fields, as documented); PUT changes only the fields it names.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class RulesController {
  private final RuleStore store;
  private final Clock clock;

  RulesController(RuleStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @PostMapping("/rules")
  ResponseEntity<String> create(@RequestBody byte[] body) {
    FaultRule posted = read(body);
    Instant now = clock.instant();
    String id = posted.id() != null && !posted.id().isBlank() ? posted.id() : UUID.randomUUID().toString();
    if (store.rule(id).isPresent()) {
      return JsonResponses.error(HttpStatus.CONFLICT, "a rule with id " + id + " exists; PUT /api/v1/rules/" + id + " changes it", List.of());
    }
    return save(posted.withIdentity(id, now, expiry(posted, now)), HttpStatus.CREATED);
  }

  @GetMapping("/rules")
  ResponseEntity<String> list() {
    List<FaultRule> rules = store.rules();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rules", rules);
    body.put("count", rules.size());
    body.put("kill_switch", store.killSwitch());
    body.put("position", store.position());
    return JsonResponses.ok(body);
  }

  @GetMapping("/rules/{id}")
  ResponseEntity<String> get(@PathVariable String id) {
    return store.rule(id).map(JsonResponses::ok).orElseGet(() -> notFound(id));
  }

  @PutMapping("/rules/{id}")
  ResponseEntity<String> update(@PathVariable String id, @RequestBody byte[] body) {
    FaultRule existing = store.rule(id).orElse(null);
    if (existing == null) {
      return notFound(id);
    }
    ObjectNode merged = Json.mapper().valueToTree(existing);
    JsonNode changes = tree(body);
    changes.properties().forEach(field -> merged.set(field.getKey(), field.getValue()));
    FaultRule changed = read(json(merged));
    Instant now = clock.instant();
    return save(changed.withIdentity(id, existing.createdAt(), changes.has("ttl") ? expiry(changed, now) : existing.expiresAt()),
        HttpStatus.OK);
  }

  @DeleteMapping("/rules/{id}")
  ResponseEntity<String> delete(@PathVariable String id) {
    if (store.rule(id).isEmpty()) {
      return notFound(id);
    }
    store.delete(id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/kill-switch")
  ResponseEntity<String> killSwitch() {
    return JsonResponses.ok(Map.of("engaged", store.killSwitch()));
  }

  /** Engages the kill switch: every agent stops injecting, whatever the rules say, within a poll. */
  @PutMapping("/kill-switch")
  ResponseEntity<String> engage() {
    store.killSwitch(true);
    return JsonResponses.ok(Map.of("engaged", true));
  }

  @DeleteMapping("/kill-switch")
  ResponseEntity<String> release() {
    store.killSwitch(false);
    return JsonResponses.ok(Map.of("engaged", false));
  }

  private ResponseEntity<String> save(FaultRule rule, HttpStatus status) {
    List<String> problems = RuleValidator.problems(rule);
    if (!problems.isEmpty()) {
      return JsonResponses.error(HttpStatus.BAD_REQUEST, "invalid rule", problems, RuleValidator.unparseableDuration(rule));
    }
    store.save(rule);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(json(rule));
  }

  private static Instant expiry(FaultRule rule, Instant now) {
    if (rule.ttl() == null) {
      return null;
    }
    try {
      return now.plus(Durations.parse(rule.ttl()));
    } catch (IllegalArgumentException e) {
      return null; // reported by the validator
    }
  }

  private static FaultRule read(byte[] body) {
    try {
      return Json.mapper().readValue(body, FaultRule.class);
    } catch (JacksonException e) {
      throw new BadRuleException("the body is not a rule in JSON: " + e.getMessage());
    }
  }

  private static JsonNode tree(byte[] body) {
    try {
      JsonNode node = Json.mapper().readTree(body);
      if (node == null || !node.isObject()) {
        throw new BadRuleException("the body must be a JSON object");
      }
      return node;
    } catch (JacksonException e) {
      throw new BadRuleException("the body is not JSON: " + e.getMessage());
    }
  }

  private static ResponseEntity<String> notFound(String id) {
    return JsonResponses.error(HttpStatus.NOT_FOUND, "no rule with id " + id, List.of());
  }

  private static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (tools.jackson.core.JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] json(JsonNode node) {
    return json((Object) node).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A body that is not a rule: 400 with the reason. */
  static final class BadRuleException extends RuntimeException {
    BadRuleException(String message) {
      super(message);
    }
  }

  @org.springframework.web.bind.annotation.ExceptionHandler(BadRuleException.class)
  ResponseEntity<String> badRule(BadRuleException e) {
    return JsonResponses.error(HttpStatus.BAD_REQUEST, e.getMessage(), List.of());
  }
}
