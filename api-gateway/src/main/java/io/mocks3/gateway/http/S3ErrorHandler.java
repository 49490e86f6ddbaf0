package io.mocks3.gateway.http;

import io.mocks3.faults.agent.BodyFault;
import io.mocks3.faults.agent.HttpFaultFilter;
import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.s3.S3Error;
import io.mocks3.schemas.s3.S3ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The one place an exception becomes an S3 {@code <Error>} response. HEAD answers carry no body. */
@RestControllerAdvice
class S3ErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(S3ErrorHandler.class);

  @ExceptionHandler(S3Exception.class)
  void s3(S3Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (e.code().status() >= 500 && e.code() != S3ErrorCode.NOT_IMPLEMENTED) {
      log.warn("{} {} -> {}: {}", request.getMethod(), request.getRequestURI(), e.code().code(), e.getMessage(), e.getCause());
    }
    if (!response.isCommitted()) {
      e.headers().forEach(response::setHeader);
    }
    write(e.code(), e.getMessage(), request, response);
  }

  /** A metadata fault (or any injected error raised past the HTTP filter): the rule's status and code. */
  @ExceptionHandler(InjectedFault.class)
  void injected(InjectedFault fault, HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpFaultFilter.write(fault, request, response);
  }

  /** A body cut short on purpose: nothing to answer, the connection is dropped. */
  @ExceptionHandler(BodyFault.TruncatedByFault.class)
  void truncatedByFault(BodyFault.TruncatedByFault e, HttpServletRequest request) {
    log.debug("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
  }

  @ExceptionHandler(AwsChunkedInputStream.MalformedFramingException.class)
  void framing(IOException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    write(S3ErrorCode.INVALID_REQUEST, e.getMessage(), request, response);
  }

  @ExceptionHandler(EOFException.class)
  void truncated(EOFException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (timedOut(e)) {
      write(S3ErrorCode.REQUEST_TIMEOUT, S3ErrorCode.REQUEST_TIMEOUT.defaultMessage(), request, response);
      return;
    }
    write(S3ErrorCode.INCOMPLETE_BODY, S3ErrorCode.INCOMPLETE_BODY.defaultMessage(), request, response);
  }

  /**
   * A body read that timed out (the client sent less than its Content-Length and waited): S3's 400
   * RequestTimeout. Anything else unexpected is a 500, logged.
   */
  @ExceptionHandler(Exception.class)
  void unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (timedOut(e)) {
      log.info("{} {}: the body read timed out", request.getMethod(), request.getRequestURI());
      write(S3ErrorCode.REQUEST_TIMEOUT, S3ErrorCode.REQUEST_TIMEOUT.defaultMessage(), request, response);
      return;
    }
    log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
    write(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(), request, response);
  }

  /** Jetty fails a blocking read past its idle timeout with a TimeoutException as the cause (at some depth). */
  static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  static void write(S3ErrorCode code, String message, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(code.status());
    if (code == S3ErrorCode.SLOW_DOWN || code == S3ErrorCode.SERVICE_UNAVAILABLE) {
      response.setHeader("Retry-After", "1");
    }
    if ("HEAD".equals(request.getMethod())) {
      return;
    }
    String requestId = (String) request.getAttribute(RequestIds.ATTRIBUTE);
    byte[] body = new S3Error(code, message, request.getRequestURI(), requestId).toBytes();
    response.setContentType(S3Error.CONTENT_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
