package io.mocks3.faults.agent;

import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.s3.S3Error;
import io.mocks3.schemas.s3.S3ErrorCode;

/**
 * An {@code http_error} fault, thrown at the injection point and answered by the service's edge
 * as an S3 XML error with this status and code.
 */
public final class InjectedFault extends RuntimeException {
  private final FaultRule rule;
  private final int status;
  private final String code;

  /** The fault of an {@code http_error} rule: its http_code (500 by default) and error_code (by default the status's). */
  public InjectedFault(FaultRule rule) {
    this(rule, rule.action().httpCode() == null ? 500 : rule.action().httpCode(), rule.action().errorCode());
  }

  InjectedFault(FaultRule rule, int status, String code) {
    super(message(rule.action()), null, false, false);
    this.rule = rule;
    this.status = status;
    this.code = code != null ? code : S3ErrorCode.forStatus(status).code();
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
  public S3Error error(String resource, String requestId) {
    return new S3Error(code, getMessage(), resource, requestId);
  }
}
