package io.mocks3.faults.observe;

import io.mocks3.faults.JsonResponses;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/overview}: services (health, fault-agent position), kill switch and faults in
 * force, {@code mocks3.*} topics with end offsets, consumer groups with lag. {@code
 * /api/v1/overview/stream} sends the same as server-sent events. {@code GET /api/v1/services}: the
 * services alone, with the controller's position (what {@code MockS3Control} waits on).
 */
@RestController
class OverviewController {
  private final Overview overview;

  OverviewController(Overview overview) {
    this.overview = overview;
  }

  @GetMapping(value = "/api/v1/overview", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> overview() throws InterruptedException {
    return JsonResponses.ok(overview.now());
  }

  @GetMapping(value = "/api/v1/services", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> services() {
    return JsonResponses.ok(overview.services());
  }
}
