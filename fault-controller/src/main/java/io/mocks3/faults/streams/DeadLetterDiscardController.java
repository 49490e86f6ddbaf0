package io.mocks3.faults.streams;

import static io.mocks3.faults.JsonResponses.error;
import static io.mocks3.faults.JsonResponses.ok;

import io.mocks3.kafkaconfig.TopicCatalogue;
import io.mocks3.kafkaconfig.TopicSpec;
import io.mocks3.schemas.Topics;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/v1/dlq/{topic}/records/{partition}/{offset}}: discards one dead letter — it
 * stays in the topic but no longer waits, and is never re-driven (purge does this to all of them).
 */
@RestController
class DeadLetterDiscardController {
  private static final List<String> DEAD_LETTER_TOPICS = TopicCatalogue.load().topics().stream()
      .map(TopicSpec::name).filter(name -> name.endsWith(Topics.deadLetterOf(""))).toList();
  private final Redriver redriver;

  DeadLetterDiscardController(Redriver redriver) {
    this.redriver = redriver;
  }

  @DeleteMapping(value = "/api/v1/dlq/{topic}/records/{partition}/{offset}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> discard(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
    if (!DEAD_LETTER_TOPICS.contains(topic)) {
      return error(HttpStatus.NOT_FOUND, "not a dead-letter topic: " + topic, List.of());
    }
    if (partition < 0 || offset < 0) {
      return error(HttpStatus.BAD_REQUEST, (partition < 0 ? "partition" : "offset") + ": must be 0 or more", List.of(),
          partition < 0 ? "partition" : "offset");
    }
    return redriver.discardOne(topic, partition, offset)
        ? ok(Map.of("discarded", 1, "topic", topic, "partition", partition, "offset", offset))
        : error(HttpStatus.NOT_FOUND, "no dead letter waits at " + topic + "/" + partition + "@" + offset, List.of());
  }
}
