package io.mocks3.projector.replay;

import io.mocks3.projector.cdc.CacheWriter;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replays and the consistency report. {@code POST /admin/replay/postgres} rebuilds the read model
 * from the event log (answers when done), {@code POST /admin/replay/redis} empties the cache and
 * refills it from {@code mocks3.cdc} (answers at once; eventual reads fall back to PostgreSQL
 * meanwhile). A storage node's disk is replayed by the node itself ({@code POST /admin/replay} on
 * it). {@code GET /admin/consistency[?verify=true]} compares everything, the acknowledged commands with
 * what was applied too ({@code acknowledged=false} skips that scan of the logs).
 */
@RestController
class ReplayController {
  private final PostgresReplay postgres;
  private final ConsistencyCheck consistency;
  private final ObjectProvider<CacheWriter> cache;

  ReplayController(PostgresReplay postgres, ConsistencyCheck consistency, ObjectProvider<CacheWriter> cache) {
    this.postgres = postgres;
    this.consistency = consistency;
    this.cache = cache;
  }

  @GetMapping("/admin/consistency")
  Map<String, Object> consistency(@RequestParam(defaultValue = "false") boolean verify,
      @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "true") boolean acknowledged)
      throws Exception {
    return consistency.check(verify, Math.max(0, limit), acknowledged);
  }

  @PostMapping("/admin/replay/{projection}")
  ResponseEntity<Map<String, Object>> replay(@PathVariable String projection) throws Exception {
    return switch (projection) {
      case "postgres" -> {
        try {
          yield ResponseEntity.ok(postgres.run().describe());
        } catch (IllegalStateException e) {
          yield ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
        }
      }
      case "redis" -> {
        CacheWriter writer = cache.getIfAvailable();
        if (writer == null) {
          yield ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error",
              "this projector does not write the cache (mocks3.cache.enabled=false)"));
        }
        writer.rebuild();
        yield ResponseEntity.accepted().body(Map.of("projection", "redis", "status", "rebuilding",
            "detail", "the cache is emptied and refilled from mocks3.cdc; eventual reads fall back to PostgreSQL meanwhile"));
      }
      default -> ResponseEntity.badRequest().body(Map.of("error", "unknown projection " + projection
          + "; replay postgres or redis here, a storage node's disk with POST /admin/replay on the node"));
    };
  }
}
