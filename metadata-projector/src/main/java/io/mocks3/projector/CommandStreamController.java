package io.mocks3.projector;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/commands/pause} and {@code /resume}: this projector stops deciding commands
 * and starts again where it stopped ({@link CommandStreams#pause}). A stalled projector as a test
 * wants it (eventual reads fall behind, strong writes wait for it, then time out), and a backlog
 * of known size whose drain the load generator times. {@code GET /admin/commands} says which.
 */
@RestController
class CommandStreamController {
  private final CommandStreams streams;

  CommandStreamController(CommandStreams streams) {
    this.streams = streams;
  }

  @GetMapping("/admin/commands")
  Map<String, Object> status() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("streams", streams.state().name());
    status.put("paused", streams.paused());
    return status;
  }

  @PostMapping("/admin/commands/pause")
  ResponseEntity<Map<String, Object>> pause() {
    return change(streams::pause);
  }

  @PostMapping("/admin/commands/resume")
  ResponseEntity<Map<String, Object>> resume() {
    return change(streams::resume);
  }

  private ResponseEntity<Map<String, Object>> change(Runnable change) {
    try {
      change.run();
      return ResponseEntity.ok(status());
    } catch (IllegalStateException e) {
      // No running instance (starting, or a replay between two): nothing to pause or resume now.
      Map<String, Object> body = status();
      body.put("error", e.getMessage());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(body);
    }
  }
}
