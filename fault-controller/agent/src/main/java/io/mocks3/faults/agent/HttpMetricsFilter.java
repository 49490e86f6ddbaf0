package io.mocks3.faults.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.Ordered;

/**
 * The HTTP metrics every service exports under the same names: {@code http_requests_total},
 * {@code http_request_duration_seconds} (a histogram: p95 / p99 with {@code histogram_quantile}),
 * {@code http_inflight_requests} and {@code errors_total{source="http"}} for 5xx answers; tagged with
 * the service, the method, the operation (the S3 operation on the gateway, method and first path
 * segment elsewhere) and the status. Outermost of all filters, so injected latency and errors count.
 */
public final class HttpMetricsFilter implements Filter, Ordered {
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;
  private final MeterRegistry meters;
  private final String service;
  private final HttpTargets targets;
  private final AtomicInteger inflight = new AtomicInteger();
  private static final HttpTargets PLAIN = HttpTargets.plain("");

  public HttpMetricsFilter(MeterRegistry meters, String service, HttpTargets targets) {
    this.meters = meters;
    this.service = service;
    this.targets = targets;
    Gauge.builder("http.inflight.requests", inflight, AtomicInteger::get).description("HTTP requests being served")
        .tag("service", service).register(meters);
    errors().register(meters);
  }

  private Counter.Builder errors() {
    return Counter.builder("errors").description("errors by where they surfaced").tag("service", service).tag("source", "http");
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    long start = System.nanoTime();
    inflight.incrementAndGet();
    int status = 500;
    try {
      chain.doFilter(req, res);
      status = response.getStatus();
    } finally {
      inflight.decrementAndGet();
      record(request, status, System.nanoTime() - start);
    }
  }

  private void record(HttpServletRequest request, int status, long nanos) {
    String path = request.getRequestURI();
    // The service's own endpoints are not S3 requests on the gateway: name them plainly everywhere.
    boolean own = path.equals("/health") || path.equals("/ready") || path.startsWith("/actuator/") || path.startsWith("/api/v1/");
    String operation = own ? PLAIN.of(request).operation() : targets.of(request).operation();
    String code = String.valueOf(status);
    Counter.builder("http.requests").description("HTTP requests served").tag("service", service)
        .tag("method", request.getMethod()).tag("operation", operation).tag("status", code).register(meters).increment();
    Timer.builder("http.request.duration").description("time to serve an HTTP request").publishPercentileHistogram()
        .tag("service", service).tag("method", request.getMethod()).tag("operation", operation).tag("status", code)
        .register(meters).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    if (status >= 500) {
      errors().register(meters).increment();
    }
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
