package io.mocks3.faults.streams;

import tools.jackson.databind.JsonNode;
import static io.mocks3.faults.JsonResponses.error;
import static io.mocks3.faults.JsonResponses.json;

import io.mocks3.faults.rules.RuleStore;
import io.mocks3.faults.rules.RuleValidator;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.fault.ChaosTopic;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * Chaos topics and re-driving:
 * <ul>
 *   <li>{@code PUT /api/v1/chaos/topics/{topic}} with {@code loss_rate}, {@code dead_letter_rate},
 *       {@code duplicate_rate}, {@code delay} + {@code delay_rate}, optional {@code consumer},
 *       {@code key_filter}, {@code seed}, {@code ttl} (it ends by itself); {@code GET} shows what
 *       is active; {@code DELETE} ends it;
 *   <li>{@code POST /api/v1/chaos/topics/{topic}/poison {count, key}} appends undeserializable
 *       records, which the topic's consumers must dead-letter;
 *   <li>{@code POST /api/v1/redrive {topic, partition, offset}} appends one record of the log again
 *       (e.g. a command a chaos topic lost: the fault event names its position);
 *   <li>{@code GET /api/v1/dlq}, {@code GET /api/v1/dlq/{topic}} (waiting records with their
 *       headers), {@code POST /api/v1/dlq/{topic}/redrive} (all, or {@code ?partition=&offset=}
 *       one), {@code DELETE /api/v1/dlq/{topic}} (purge: nothing waits any more).
 * </ul>
 */
@RestController
@RequestMapping(value = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ChaosController {
  static final Set<String> SUPPORTED = RuleValidator.CHAOS_TOPICS;
  static final Set<String> DEAD_LETTERABLE = RuleValidator.DEAD_LETTERABLE;
  /** Every dead-letter topic of the catalogue: the logs' and the task types'. */
  private static final List<String> DEAD_LETTER_TOPICS = io.mocks3.kafkaconfig.TopicCatalogue.load().topics().stream()
      .filter(t -> t.name().endsWith(Topics.deadLetterOf(""))).map(io.mocks3.kafkaconfig.TopicSpec::name).toList();
  private final RuleStore store;
  private final Redriver redriver;
  private final Poisoner poisoner;
  private final Clock clock;

  ChaosController(RuleStore store, Redriver redriver, Poisoner poisoner, Clock clock) {
    this.store = store;
    this.redriver = redriver;
    this.poisoner = poisoner;
    this.clock = clock;
  }

  @PutMapping("/chaos/topics/{topic}")
  ResponseEntity<String> put(@PathVariable String topic, @RequestBody byte[] body) {
    JsonNode tree;
    ChaosTopic chaos;
    try {
      tree = Json.mapper().readTree(body);
      chaos = Json.mapper().treeToValue(tree, ChaosTopic.class);
    } catch (RuntimeException e) { // JacksonException included
      return error(HttpStatus.BAD_REQUEST, "the body is not a chaos configuration in JSON", List.of());
    }
    List<String> problems = RuleValidator.chaosProblems(topic, chaos);
    if (!problems.isEmpty()) {
      return error(HttpStatus.BAD_REQUEST, "invalid chaos configuration", problems, RuleValidator.unparseableDuration(chaos));
    }
    ChaosTopic saved = chaos.on(topic, clock.instant());
    store.saveChaos(saved);
    return json(HttpStatus.OK, saved);
  }

  @GetMapping("/chaos/topics")
  ResponseEntity<String> list() {
    return json(HttpStatus.OK, Map.of("topics", store.chaosTopics(), "supported", SUPPORTED));
  }

  @GetMapping("/chaos/topics/{topic}")
  ResponseEntity<String> get(@PathVariable String topic) {
    return store.chaosTopic(topic).map(c -> json(HttpStatus.OK, c))
        .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no chaos on " + topic, List.of()));
  }

  @DeleteMapping("/chaos/topics/{topic}")
  ResponseEntity<String> delete(@PathVariable String topic) {
    if (store.chaosTopic(topic).isEmpty()) {
      return error(HttpStatus.NOT_FOUND, "no chaos on " + topic, List.of());
    }
    store.deleteChaos(topic);
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/dlq/{topic}")
  ResponseEntity<String> purge(@PathVariable String topic) {
    if (!DEAD_LETTER_TOPICS.contains(topic)) {
      return error(HttpStatus.NOT_FOUND, "not a dead-letter topic: " + topic, List.of());
    }
    return json(HttpStatus.OK, Map.of("purged", redriver.purge(topic)));
  }

  record Poison(Integer count, String key) {}

  /** Appends {@code count} (default 1, at most 1000) poison records under {@code key} to a chaos topic. */
  @PostMapping("/chaos/topics/{topic}/poison")
  ResponseEntity<String> poison(@PathVariable String topic, @RequestBody(required = false) byte[] body)
      throws ExecutionException, InterruptedException {
    Poison p;
    try {
      p = body == null || body.length == 0 ? new Poison(null, null) : Json.mapper().readValue(body, Poison.class);
    } catch (JacksonException e) {
      return error(HttpStatus.BAD_REQUEST, "expected {\"count\", \"key\"}", List.of());
    }
    List<String> problems = new ArrayList<>();
    if (!DEAD_LETTERABLE.contains(topic)) {
      problems.add("poison records can be sent to " + DEAD_LETTERABLE + " (their consumers dead-letter them)");
    }
    int count = p.count() == null ? 1 : p.count();
    if (count < 1 || count > 1000) {
      problems.add("count must be between 1 and 1000");
    }
    if (!problems.isEmpty()) {
      return error(HttpStatus.BAD_REQUEST, "invalid poison request", problems);
    }
    List<String> positions = poisoner.poison(topic, p.key(), count);
    return json(HttpStatus.OK, Map.of("poisoned", positions.size(), "records", positions,
        "dead_letter_topic", Topics.deadLetterOf(topic)));
  }

  record Position(String topic, Integer partition, Long offset) {}

  @PostMapping("/redrive")
  ResponseEntity<String> redrive(@RequestBody byte[] body) throws ExecutionException, InterruptedException {
    Position p;
    try {
      p = Json.mapper().readValue(body, Position.class);
    } catch (JacksonException e) {
      return error(HttpStatus.BAD_REQUEST, "expected {\"topic\", \"partition\", \"offset\"}", List.of());
    }
    if (p.topic() == null || p.partition() == null || p.offset() == null) {
      return error(HttpStatus.BAD_REQUEST, "topic, partition and offset are required", List.of());
    }
    return redriver.redrive(p.topic(), p.partition(), p.offset())
        ? json(HttpStatus.OK, Map.of("redriven", 1))
        : error(HttpStatus.NOT_FOUND, "no record at " + p.topic() + "/" + p.partition() + "@" + p.offset(), List.of());
  }

  @GetMapping("/dlq")
  ResponseEntity<String> deadLetterTopics() {
    return json(HttpStatus.OK, Map.of("topics", DEAD_LETTER_TOPICS.stream().map(redriver::describe).toList()));
  }

  @GetMapping("/dlq/{topic}")
  ResponseEntity<String> deadLetters(@PathVariable String topic, @RequestParam(defaultValue = "100") int limit) {
    if (!DEAD_LETTER_TOPICS.contains(topic)) {
      return error(HttpStatus.NOT_FOUND, "not a dead-letter topic: " + topic, List.of());
    }
    Map<String, Object> body = new LinkedHashMap<>(redriver.describe(topic));
    body.put("records", redriver.peek(topic, Math.max(0, Math.min(limit, 1000))));
    return json(HttpStatus.OK, body);
  }

  /**
   * Re-drives every waiting record, or with {@code partition} and {@code offset} that one dead
   * letter; either way poison is discarded and what was handled no longer waits.
   */
  @PostMapping("/dlq/{topic}/redrive")
  ResponseEntity<String> redriveAll(@PathVariable String topic, @RequestParam(required = false) Integer partition,
      @RequestParam(required = false) Long offset) throws ExecutionException, InterruptedException {
    if (!DEAD_LETTER_TOPICS.contains(topic)) {
      return error(HttpStatus.NOT_FOUND, "not a dead-letter topic: " + topic, List.of());
    }
    if (partition != null || offset != null) {
      if (partition == null || offset == null) {
        return error(HttpStatus.BAD_REQUEST, "name both partition and offset to re-drive one dead letter", List.of());
      }
      return redriver.redriveOne(topic, partition, offset).map(ChaosController::redriven)
          .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no dead letter at " + topic + "/" + partition + "@" + offset, List.of()));
    }
    return redriven(redriver.redriveAll(topic));
  }

  private static ResponseEntity<String> redriven(Redriver.Redriven done) {
    return json(HttpStatus.OK, Map.of("redriven", done.redriven(), "discarded_poison", done.discardedPoison()));
  }
}
