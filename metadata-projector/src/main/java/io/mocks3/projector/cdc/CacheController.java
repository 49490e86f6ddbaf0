package io.mocks3.projector.cdc;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /admin/cache/rebuild}: empties the Redis cache and refills it from {@code mocks3.cdc}. */
@RestController
class CacheController {
  private final ObjectProvider<CacheWriter> writer;

  CacheController(ObjectProvider<CacheWriter> writer) {
    this.writer = writer;
  }

  @PostMapping("/admin/cache/rebuild")
  ResponseEntity<Map<String, String>> rebuild() {
    CacheWriter w = writer.getIfAvailable();
    if (w == null) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("status", "disabled",
          "detail", "this projector does not write the cache (mocks3.cache.enabled=false)"));
    }
    w.rebuild();
    return ResponseEntity.accepted().body(Map.of("status", "rebuilding",
        "detail", "the cache is emptied and refilled from mocks3.cdc; eventual reads fall back to PostgreSQL meanwhile"));
  }
}
