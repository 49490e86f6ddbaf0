package io.mocks3.faults.agent;

import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.FaultRule;
import java.util.Map;

/**
 * An {@code http_error} fault, thrown at the injection point and answered by the service's edge
 * as an S3 XML error with this status and code.
 */
public final class InjectedFault extends RuntimeException {
  private static final Map<Integer, String> S3_CODES = Map.of(
      400, "BadRequest", 403, "AccessDenied", 404, "NoSuchKey", 408, "RequestTimeout", 409, "OperationAborted",
      429, "SlowDown", 500, "InternalError", 501, "NotImplemented", 503, "ServiceUnavailable", 504, "GatewayTimeout");
  private final FaultRule rule;
  private final int status;
  private final String code;

  InjectedFault(FaultRule rule) {
    this(rule, rule.action().httpCode() == null ? 500 : rule.action().httpCode(), rule.action().errorCode());
  }

  InjectedFault(FaultRule rule, int status, String code) {
    super(message(rule.action()), null, false, false);
    this.rule = rule;
    this.status = status;
    this.code = code != null ? code : S3_CODES.getOrDefault(status, status >= 500 ? "InternalError" : "BadRequest");
  }

  private static String message(Action action) {
    return action.message() != null ? action.message() : "Fault injected by MockS3";
  }

  public FaultRule rule() {
    return rule;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The S3 {@code <Error>} document of this fault. */
  public String xml(String resource, String requestId) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + escape(code) + "</Code><Message>" + escape(getMessage())
        + "</Message><Resource>" + escape(resource) + "</Resource><RequestId>" + escape(requestId) + "</RequestId></Error>";
  }

  private static String escape(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
