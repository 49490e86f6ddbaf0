package io.mocks3.faults.topics;

import static io.mocks3.faults.JsonResponses.error;
import static io.mocks3.faults.JsonResponses.ok;

import io.mocks3.faults.observe.TopicOffsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The topic browser (Kafka UI's job in local mode, where there is none):
 * <ul>
 *   <li>{@code GET /api/v1/topics} — every {@code mocks3.*} topic with each partition's first and end offsets;
 *   <li>{@code GET /api/v1/topics/{topic}/records?partition=&offset=&limit=} — records from a position
 *       (offset defaults to the partition's last {@code limit} records);
 *   <li>{@code GET /api/v1/topics/{topic}/records?key=&limit=} — the newest records under a key (commands:
 *       the bucket).
 * </ul>
 * Each record with its headers and its value read as the topic's schema type ({@code schema}), or as text.
 */
@RestController
@RequestMapping(value = "/api/v1/topics", produces = MediaType.APPLICATION_JSON_VALUE)
class TopicsController {
  private static final int MAX_LIMIT = 500;
  private final TopicOffsets offsets;
  private final TopicRecords records;

  TopicsController(TopicOffsets offsets, TopicRecords records) {
    this.offsets = offsets;
    this.records = records;
  }

  @GetMapping
  ResponseEntity<String> topics() throws InterruptedException {
    return ok(Map.of("topics", offsets.topics()));
  }

  @GetMapping("/{topic}/records")
  ResponseEntity<String> records(@PathVariable String topic, @RequestParam(required = false) Integer partition,
      @RequestParam(required = false) Long offset, @RequestParam(required = false) String key,
      @RequestParam(defaultValue = "50") int limit) throws InterruptedException {
    if (limit < 1 || limit > MAX_LIMIT) {
      return error(HttpStatus.BAD_REQUEST, "limit: from 1 to " + MAX_LIMIT + "; got " + limit, List.of(), "limit");
    }
    Optional<TopicOffsets.Topic> found = offsets.topic(topic);
    if (found.isEmpty()) {
      return error(HttpStatus.NOT_FOUND, "no topic " + topic + " (the browser shows " + TopicOffsets.PREFIX + "* topics)",
          List.of());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("topic", topic);
    RecordDecoding.schemaOf(topic).ifPresent(s -> body.put("schema", s));
    if (key != null && !key.isEmpty()) {
      body.put("key", key);
      body.put("records", records.withKey(topic, key, limit));
      return ok(body);
    }
    int p = partition == null ? 0 : partition;
    Optional<TopicOffsets.Partition> part = found.get().partitions().stream().filter(x -> x.partition() == p).findFirst();
    if (part.isEmpty()) {
      return error(HttpStatus.BAD_REQUEST, "partition: " + topic + " has partitions 0 to "
          + (found.get().partitions().size() - 1) + "; got " + p, List.of(), "partition");
    }
    long from = offset == null ? Math.max(part.get().start(), part.get().end() - limit) : offset;
    if (from < 0) {
      return error(HttpStatus.BAD_REQUEST, "offset: must be 0 or more; got " + from, List.of(), "offset");
    }
    body.put("partition", p);
    body.put("offset", from);
    body.put("start", part.get().start());
    body.put("end", part.get().end());
    body.put("records", records.from(topic, p, Math.max(from, part.get().start()), limit));
    return ok(body);
  }
}
