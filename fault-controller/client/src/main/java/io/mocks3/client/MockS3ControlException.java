package io.mocks3.client;

import tools.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The control plane refused a request (or could not be reached). Keeps what the server said: its
 * status, its {@code error} message, the {@code problems} it listed and the request {@code field} at
 * fault when it named one (a 400 for a bad field names it, e.g. {@code rules[0].action.type}).
 */
public final class MockS3ControlException extends RuntimeException {
  private final int status;
  private final String error;
  private final List<String> problems;
  private final String field;
  private final String body;

  MockS3ControlException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.error = message;
    this.problems = List.of();
    this.field = null;
    this.body = null;
  }

  MockS3ControlException(String message) {
    this(message, null);
  }

  private MockS3ControlException(String message, int status, String error, List<String> problems, String field, String body) {
    super(message);
    this.status = status;
    this.error = error;
    this.problems = List.copyOf(problems);
    this.field = field;
    this.body = body;
  }

  static MockS3ControlException from(String method, String path, int status, String body) {
    String error = body;
    String field = null;
    List<String> problems = new ArrayList<>();
    try {
      JsonNode tree = ControlPlane.JSON.readTree(body);
      if (tree != null && tree.hasNonNull("error")) {
        error = tree.get("error").asString();
        field = tree.hasNonNull("field") ? tree.get("field").asString() : null;
        tree.path("problems").forEach(p -> problems.add(p.asString()));
      }
    } catch (RuntimeException e) { // JacksonException included
      // not JSON (e.g. a proxy's page): the body itself is the message
    }
    StringBuilder message = new StringBuilder(method).append(' ').append(path).append(": ").append(status).append(' ')
        .append(error == null || error.isBlank() ? "(no message)" : ControlPlane.abbreviate(error));
    if (!problems.isEmpty()) {
      message.append(' ').append(problems);
    }
    if (field != null) {
      message.append(" (field ").append(field).append(')');
    }
    return new MockS3ControlException(message.toString(), status, error, problems, field, body);
  }

  /** The HTTP status the control plane answered; 0 when it answered nothing (unreachable, timed out). */
  public int status() {
    return status;
  }

  /** The server's {@code error} message (or the whole body when it was not the JSON error shape). */
  public String error() {
    return error;
  }

  /** The server's list of problems with the request; empty when it gave none. */
  public List<String> problems() {
    return problems;
  }

  /** The request field the server named as at fault, e.g. {@code duration}; null when it named none. */
  public String field() {
    return field;
  }

  /** The raw answer body; null when there was no answer. */
  public String body() {
    return body;
  }
}
