package io.mocks3.tasks.origin;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Origin back-fill ({@code mocks3.origin.*}).
 *
 * @param gatewayUrl the S3 gateway a fetched object is stored through (an ordinary PUT)
 * @param timeout how long one fetch from an upstream may take
 * @param requestsPerSecond fetches per second allowed to each upstream endpoint
 * @param throttleWait how long a fetch waits for a permit before it is answered as throttled
 * @param breaker when an upstream is considered down
 */
@ConfigurationProperties("mocks3.origin")
public record OriginProperties(URI gatewayUrl, Duration timeout, int requestsPerSecond, Duration throttleWait,
    Breaker breaker) {

  /**
   * @param failureRate percentage of failed calls in the last {@code window} that opens the circuit
   * @param window how many calls are looked at
   * @param minimumCalls calls needed before the rate counts
   * @param openFor how long an open circuit refuses calls before letting a few through
   */
  public record Breaker(int failureRate, int window, int minimumCalls, Duration openFor) {}
}
