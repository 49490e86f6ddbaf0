package io.mocks3.faults.runs;

import static io.mocks3.faults.JsonResponses.error;
import static io.mocks3.faults.JsonResponses.json;

import io.mocks3.faults.scenarios.Scenarios;
import io.mocks3.schemas.run.Run;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Chaos experiments:
 * <ul>
 *   <li>{@code POST /api/v1/runs} — start one (see {@link RunRequests} for the body); 201 with the run once the
 *       gateway records its history;
 *   <li>{@code GET /api/v1/runs}, {@code GET /api/v1/runs/{id}};
 *   <li>{@code POST /api/v1/runs/{id}/stop} — remove its faults, let the system settle, end it;
 *   <li>{@code GET /api/v1/runs/{id}/report} (JSON), {@code /report.html} (for a person) and
 *       {@code /history.jsonl} (the S3 history it recorded, in the history checker's format).
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/runs")
class RunLifecycleController {
  private final RunStore runs;
  private final RunLifecycle lifecycle;
  private final RunReports reports;
  private final Scenarios scenarios;

  RunLifecycleController(RunStore runs, RunLifecycle lifecycle, RunReports reports, Scenarios scenarios) {
    this.runs = runs;
    this.lifecycle = lifecycle;
    this.reports = reports;
    this.scenarios = scenarios;
  }

  @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> start(@RequestBody(required = false) byte[] body) {
    Run posted;
    try {
      posted = RunRequests.parse(body == null ? new byte[0] : body, scenarios.catalogue().keySet());
    } catch (RunRequests.Invalid e) {
      return error(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(), e.field);
    }
    return json(HttpStatus.CREATED, lifecycle.start(posted));
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> list() {
    return json(HttpStatus.OK, Map.of("runs", runs.all()));
  }

  @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> get(@PathVariable String id) {
    return runs.get(id).map(r -> json(HttpStatus.OK, r)).orElseGet(() -> notFound(id));
  }

  @PostMapping(value = "/{id}/stop", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> stop(@PathVariable String id) {
    if (runs.get(id).isEmpty()) {
      return notFound(id);
    }
    return json(HttpStatus.OK, lifecycle.stop(id));
  }

  @GetMapping(value = "/{id}/report", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> report(@PathVariable String id) {
    return runs.get(id).map(r -> json(HttpStatus.OK, reports.report(r))).orElseGet(() -> notFound(id));
  }

  @GetMapping(value = "/{id}/report.html", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> reportPage(@PathVariable String id) {
    return runs.get(id).map(r -> ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
        .body(RunReportPage.render(reports.report(r)))).orElseGet(() -> notFound(id));
  }

  @GetMapping("/{id}/history.jsonl")
  void history(@PathVariable String id, HttpServletResponse response) throws IOException {
    Run run = runs.get(id).orElse(null);
    if (run == null) {
      response.sendError(404, "no run with id " + id);
      return;
    }
    response.setContentType("application/x-ndjson");
    try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
      reports.writeHistory(run, out);
    }
  }

  private static ResponseEntity<String> notFound(String id) {
    return error(HttpStatus.NOT_FOUND, "no run with id " + id, List.of());
  }
}
