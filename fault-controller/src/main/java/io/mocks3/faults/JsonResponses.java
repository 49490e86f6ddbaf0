package io.mocks3.faults;

import io.mocks3.schemas.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The control plane's JSON answers, written with the same mapper as the records on the topics
 * (snake_case action fields, ISO timestamps), and its one error shape:
 * {@code {"error": "...", "problems": [...], "field": "..."}} (field: the request field at fault, when one is).
 */
public final class JsonResponses {
  private JsonResponses() {}

  public static ResponseEntity<String> json(HttpStatus status, Object body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Json.mapper().writeValueAsString(body));
  }

  public static ResponseEntity<String> ok(Object body) {
    return json(HttpStatus.OK, body);
  }

  public static ResponseEntity<String> error(HttpStatus status, String message, List<String> problems) {
    return error(status, message, problems, null);
  }

  /** @param field the request field at fault (e.g. "duration"); null when the error is not about one field */
  public static ResponseEntity<String> error(HttpStatus status, String message, List<String> problems, String field) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    if (!problems.isEmpty()) {
      body.put("problems", problems);
    }
    if (field != null) {
      body.put("field", field);
    }
    return json(status, body);
  }
}
