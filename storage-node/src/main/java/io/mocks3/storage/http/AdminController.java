package io.mocks3.storage.http;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.Json;
import io.mocks3.storage.StorageNodeProperties;
import io.mocks3.storage.ingest.BlobChunkIngester;
import io.mocks3.storage.ingest.DiskReplay;
import io.mocks3.storage.store.BlobStore;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * What the task workers and operators ask of a node's disk: its inventory ({@code GET
 * /admin/blobs}, with each blob's MD5 read from disk when {@code verify=true}, and the placement the
 * node stores by, when its members are configured), a rebuild from the
 * log ({@code POST /admin/replay}, answered once it has caught up), garbage collection of one blob
 * ({@code DELETE /blobs/{id}}) or of many in one request ({@code POST /blobs/delete}), and repair of
 * one blob from a peer ({@code POST /blobs/{id}/repair?from=<peer url>}).
 */
@RestController
class AdminController {
  private static final Logger log = LoggerFactory.getLogger(AdminController.class);
  private static final long REPLAY_WAIT_MINUTES = 60;
  private final BlobStore store;
  private final BlobChunkIngester ingester;
  private final String nodeId;
  private final StorageNodeProperties props;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();

  AdminController(BlobStore store, BlobChunkIngester ingester, StorageNodeProperties props) {
    this.store = store;
    this.ingester = ingester;
    this.nodeId = props.nodeId();
    this.props = props;
  }

  /**
   * Written as the disk is walked, one blob at a time: a node holding a million blobs answers in
   * constant memory (the whole list built first, then serialised, ran a 384 MB heap out of memory).
   * {@code count} comes after the blobs it counts.
   */
  @GetMapping("/admin/blobs")
  void inventory(@RequestParam(defaultValue = "false") boolean verify, HttpServletResponse response) throws IOException {
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    try (JsonGenerator json = Json.mapper().createGenerator(response.getOutputStream())) {
      json.writeStartObject();
      json.writeStringProperty("node", nodeId);
      if (props.placed()) {
        // Which blobs belong here, for the consistency report: it judges a node by the blobs placed on it.
        json.writePOJOProperty("placement", Map.of("nodes", props.placement().nodes(),
            "replicationFactor", props.placement().replicationFactor()));
      }
      json.writeArrayPropertyStart("blobs");
      long[] count = {0};
      store.forEach(blob -> {
        json.writeStartObject();
        json.writeStringProperty("id", blob.id().value());
        json.writeNumberProperty("size", blob.size());
        json.writeStringProperty("modified", blob.modified().toString());
        if (verify) {
          Optional<String> md5 = store.md5(blob.id());
          if (md5.isPresent()) {
            json.writeStringProperty("md5", md5.get());
          }
        }
        json.writeEndObject();
        count[0]++;
      });
      json.writeEndArray();
      json.writeNumberProperty("count", count[0]);
      json.writeEndObject();
    }
  }

  /**
   * Wipes this disk and rebuilds it from the blob log; answers once the log, as it was at the wipe,
   * is stored again (200, with what was stored and the rate), or once the disk is wiped with {@code
   * wait=false} (202; a wipe moves the files to the trash, see {@code Trash}). A rebuild that has not
   * caught up within {@value #REPLAY_WAIT_MINUTES} minutes is answered 504 and goes on.
   */
  @PostMapping("/admin/replay")
  ResponseEntity<Map<String, Object>> replay(@RequestParam(defaultValue = "true") boolean wait) throws InterruptedException {
    DiskReplay replay = ingester.replay();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(REPLAY_WAIT_MINUTES);
    try {
      replay.wiped().get(REPLAY_WAIT_MINUTES, TimeUnit.MINUTES);
      if (!wait) {
        return ResponseEntity.accepted().body(Map.of("node", nodeId, "replaying", true,
            "detail", "disk wiped; the blob log is being consumed again from the beginning"));
      }
      return ResponseEntity.ok(replay.caughtUp().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS).describe());
    } catch (TimeoutException e) {
      return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(Map.of("node", nodeId, "replaying", true,
          "detail", "not caught up after " + REPLAY_WAIT_MINUTES + " minutes; the rebuild goes on"));
    } catch (ExecutionException e) {
      return ResponseEntity.status(replay.wiped().isCompletedExceptionally() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.CONFLICT)
          .body(Map.of("node", nodeId, "error", String.valueOf(e.getCause().getMessage())));
    }
  }

  @DeleteMapping("/blobs/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) throws IOException {
    return store.delete(BlobController.parse(id)) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
  }

  /** The most blobs one {@code POST /blobs/delete} names. */
  static final int MOST_DELETED_AT_ONCE = 10_000;

  /**
   * Deletes many blobs in one request ({@code {"blobs": [id, ...]}}, at most {@value
   * #MOST_DELETED_AT_ONCE}), each as {@code DELETE /blobs/{id}} would: the task workers' garbage
   * collection sends a sweep's orphans this way, where a request per blob cost the node far more
   * than its deletes. Answers what became of each: {@code deleted}, {@code absent} (not here), and
   * {@code failed} with the reason (a disk error or an injected {@code DeleteBlob} fault fails only
   * its blob). A body that is not such a list is 400, naming the field, and nothing is deleted.
   */
  @PostMapping("/blobs/delete")
  ResponseEntity<Map<String, Object>> deleteAll(@RequestBody(required = false) String body) {
    JsonNode ids;
    try {
      ids = body == null ? null : Json.mapper().readTree(body).get("blobs");
    } catch (JacksonException e) {
      return ResponseEntity.badRequest().body(Map.of("error", "blobs: the body is not JSON: " + e.getOriginalMessage()));
    }
    if (ids == null || !ids.isArray()) {
      return ResponseEntity.badRequest().body(Map.of("error", "blobs: a JSON array of blob ids is required"));
    }
    if (ids.size() > MOST_DELETED_AT_ONCE) {
      return ResponseEntity.badRequest().body(Map.of("error",
          "blobs: at most " + MOST_DELETED_AT_ONCE + " ids in one request, not " + ids.size()));
    }
    List<BlobId> blobs = new ArrayList<>(ids.size());
    for (JsonNode id : ids) {
      try {
        blobs.add(BlobId.of(id.isString() ? id.asString() : ""));
      } catch (IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "blobs: not a blob id: " + id));
      }
    }
    List<String> deleted = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (BlobId blob : blobs) {
      try {
        (store.delete(blob) ? deleted : absent).add(blob.value());
      } catch (IOException | RuntimeException e) {
        failed.put(blob.value(), String.valueOf(e.getMessage()));
      }
    }
    log.debug("{}: {} blobs deleted, {} absent, {} failed", nodeId, deleted.size(), absent.size(), failed.size());
    return ResponseEntity.ok(Map.of("node", nodeId, "deleted", deleted, "absent", absent, "failed", failed));
  }

  /** Copies a blob this node lacks from {@code from} (a peer's base URL), checked against size and MD5 when given. */
  @PostMapping("/blobs/{id}/repair")
  ResponseEntity<Map<String, Object>> repair(@PathVariable String id, @RequestParam URI from,
      @RequestParam(required = false) Long size, @RequestParam(required = false) String md5)
      throws IOException, InterruptedException {
    BlobId blob = BlobController.parse(id);
    if (!"http".equals(from.getScheme()) && !"https".equals(from.getScheme())) {
      return ResponseEntity.badRequest().body(Map.of("error", "from must be a peer's http(s) URL"));
    }
    if (store.size(blob).isPresent()) {
      return ResponseEntity.ok(Map.of("node", nodeId, "blob", id, "repaired", false, "detail", "already here"));
    }
    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(from.resolve("/blobs/" + blob.value()))
        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
            .body(Map.of("error", from + " answered " + response.statusCode() + " for blob " + id));
      }
      long length = response.headers().firstValueAsLong("content-length").orElse(-1);
      store.importBlob(blob, body, size != null ? size : length, md5);
    }
    log.info("{}: blob {} repaired from {}", nodeId, id, from);
    return ResponseEntity.ok(Map.of("node", nodeId, "blob", id, "repaired", true));
  }
}
