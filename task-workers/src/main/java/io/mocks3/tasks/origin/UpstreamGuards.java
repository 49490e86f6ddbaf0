package io.mocks3.tasks.origin;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What protects each upstream endpoint: a rate limiter (buckets naming one upstream share its
 * allowance) and a circuit breaker (an upstream that keeps failing is not called while its circuit
 * is open). {@code origin_circuits_open} counts the open circuits, {@code origin_circuit_open{endpoint}} says which.
 */
final class UpstreamGuards {
  private static final Logger log = LoggerFactory.getLogger(UpstreamGuards.class);
  private final OriginProperties props;
  private final MeterRegistry meters;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  UpstreamGuards(OriginProperties props, MeterRegistry meters) {
    this.props = props;
    this.meters = meters;
    meters.gauge("origin.circuits.open", breakers,
        all -> all.values().stream().filter(b -> b.getState() == CircuitBreaker.State.OPEN).count());
  }

  /** One limiter per upstream endpoint and rate; a fetch waits at most {@code throttle-wait} for a permit. */
  RateLimiter limiter(String endpoint, int rate) {
    return limiters.computeIfAbsent(endpoint + " " + rate, e -> RateLimiter.of("origin " + e, RateLimiterConfig.custom()
        .limitForPeriod(rate)
        .limitRefreshPeriod(Duration.ofSeconds(1))
        .timeoutDuration(props.throttleWait())
        .build()));
  }

  CircuitBreaker breaker(String endpoint) {
    return breakers.computeIfAbsent(endpoint, e -> {
      OriginProperties.Breaker b = props.breaker();
      CircuitBreaker breaker = CircuitBreaker.of("origin " + e, CircuitBreakerConfig.custom()
          .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
          .slidingWindowSize(b.window())
          .minimumNumberOfCalls(b.minimumCalls())
          .failureRateThreshold(b.failureRate())
          .waitDurationInOpenState(b.openFor())
          .permittedNumberOfCallsInHalfOpenState(1)
          .automaticTransitionFromOpenToHalfOpenEnabled(true)
          .build());
      breaker.getEventPublisher().onStateTransition(t -> log.warn("origin {}: circuit {}", e, t.getStateTransition()));
      meters.gauge("origin.circuit.open", Tags.of("endpoint", e), breaker, cb -> cb.getState() == CircuitBreaker.State.OPEN ? 1 : 0);
      return breaker;
    });
  }
}
