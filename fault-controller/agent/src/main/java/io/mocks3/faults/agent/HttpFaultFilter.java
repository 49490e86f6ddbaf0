package io.mocks3.faults.agent;

import io.mocks3.schemas.s3.S3Error;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;

/**
 * The HTTP injection point of a service: before a request is served, a firing rule delays or
 * hangs it, resets its connection, answers it with an S3 XML error (header {@code x-mocks3-fault-rule} names the rule),
 * or lets it be served through a {@link FaultyResponse} that throttles, truncates or corrupts the
 * body or falsifies the ETag. Health
 * and actuator endpoints are never touched: process-level faults are scenarios, not rules.
 */
public final class HttpFaultFilter implements Filter, Ordered {
  /** After the request-id filter, so injected errors carry request ids; before everything else. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;
  private final FaultAgent agent;
  private final HttpTargets targets;

  public HttpFaultFilter(FaultAgent agent, HttpTargets targets) {
    this.agent = agent;
    this.targets = targets;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String path = request.getRequestURI();
    if (!agent.armed() || path.equals("/health") || path.startsWith("/actuator/")) {
      chain.doFilter(req, res);
      return;
    }
    java.util.Optional<io.mocks3.schemas.fault.FaultRule> bodyFault;
    try {
      bodyFault = agent.apply(targets.of(request));
    } catch (InjectedFault fault) {
      if (!"connection_reset".equals(fault.rule().action().type()) || !ConnectionReset.reset(request)) {
        write(fault, request, response);
      }
      return;
    }
    if (bodyFault.isPresent()) {
      FaultyResponse faulty = new FaultyResponse(response, bodyFault.get().action());
      chain.doFilter(req, faulty);
      faulty.finish();
    } else {
      chain.doFilter(req, res);
    }
  }

  /** Answers {@code fault} as S3 does an error: status, XML body (none for HEAD), request id. */
  public static void write(InjectedFault fault, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(fault.status());
    response.setHeader("x-mocks3-fault-rule", fault.rule().id());
    if (fault.status() == 503) {
      response.setHeader("Retry-After", "1");
    }
    if ("HEAD".equals(request.getMethod())) {
      return;
    }
    Object requestId = request.getAttribute("mocks3.requestId");
    byte[] body = fault.error(request.getRequestURI(), requestId == null ? null : requestId.toString()).toBytes();
    response.setContentType(S3Error.CONTENT_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
