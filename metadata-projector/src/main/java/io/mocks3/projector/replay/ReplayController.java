package io.mocks3.projector.replay;

import io.mocks3.projector.cdc.CacheRebuild;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Replays and the consistency report. {@code POST /admin/replay/postgres} rebuilds the read model
 * from the event log (answers when done), {@code POST /admin/replay/redis} empties the cache and
 * refills it from {@code mocks3.cdc} (answers once the cache writers have caught up, with the rate,
 * or at once with {@code wait=false}; eventual reads fall back to PostgreSQL meanwhile). A storage
 * node's disk is replayed by the node itself ({@code POST /admin/replay} on it). {@code GET /admin/consistency[?verify=true]} compares everything, the acknowledged commands with
 * what was applied too ({@code acknowledged=false} skips that scan of the logs).
 *
 * <p>With K projector instances any of them answers all of this: the consistency report gathers
 * the other instances' state from their {@code GET /admin/consistency/state} (503 while the
 * command stream rebalances), the cache rebuild reaches every cache writer. A PostgreSQL replay
 * needs the whole command stream stopped, which one instance cannot do for the others: with more
 * than one instance running it is refused (409) and says how to run it.
 */
@RestController
class ReplayController {
  private final PostgresReplay postgres;
  private final ConsistencyCheck consistency;
  private static final Duration REPLAY_WAIT = Duration.ofMinutes(60);
  private final ObjectProvider<CacheRebuild> cache;
  private final CommandState state;

  ReplayController(PostgresReplay postgres, ConsistencyCheck consistency, ObjectProvider<CacheRebuild> cache, CommandState state) {
    this.postgres = postgres;
    this.consistency = consistency;
    this.cache = cache;
    this.state = state;
  }

  @GetMapping("/admin/consistency")
  ResponseEntity<Map<String, Object>> consistency(@RequestParam(defaultValue = "false") boolean verify,
      @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "true") boolean acknowledged)
      throws Exception {
    try {
      return ResponseEntity.ok(consistency.check(verify, Math.max(0, limit), acknowledged));
    } catch (IllegalStateException e) {
      // The command stream is not running or rebalancing: the log side cannot be read whole now.
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(Map.of("error", e.getMessage()));
    }
  }

  /** This instance's part of the projector's state, one line per bucket or version, for another instance's report. */
  @GetMapping(value = "/admin/consistency/state", produces = "text/plain;charset=UTF-8")
  ResponseEntity<StreamingResponseBody> state() {
    if (!state.running()) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
          .body(out -> out.write("the command stream is not running here\n".getBytes(StandardCharsets.UTF_8)));
    }
    return ResponseEntity.ok(out -> {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      state.writeLocal(writer);
      writer.flush();
    });
  }

  @PostMapping("/admin/replay/{projection}")
  ResponseEntity<Map<String, Object>> replay(@PathVariable String projection,
      @RequestParam(defaultValue = "true") boolean wait) throws Exception {
    return switch (projection) {
      case "postgres" -> {
        try {
          yield ResponseEntity.ok(postgres.run().describe());
        } catch (IllegalStateException e) {
          yield ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
        }
      }
      case "redis" -> {
        CacheRebuild rebuild = cache.getIfAvailable();
        if (rebuild == null) {
          yield ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error",
              "this projector does not write the cache (mocks3.cache.enabled=false)"));
        }
        try {
          if (!wait) {
            yield ResponseEntity.accepted().body(Map.of("projection", "redis", "status", "rebuilding", "rebuildEpoch",
                rebuild.start(), "detail", "the cache is emptied and refilled from mocks3.cdc; eventual reads fall back to PostgreSQL meanwhile"));
          }
          yield ResponseEntity.ok(rebuild.run(REPLAY_WAIT).describe());
        } catch (TimeoutException e) {
          yield ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(Map.of("projection", "redis", "status", "rebuilding",
              "detail", e.getMessage() + "; the rebuild goes on"));
        }
      }
      default -> ResponseEntity.badRequest().body(Map.of("error", "unknown projection " + projection
          + "; replay postgres or redis here, a storage node's disk with POST /admin/replay on the node"));
    };
  }
}
