package io.mocks3.kafkaconfig.retry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every retry policy of a service, by name: the {@code mocks3.retries} block of its
 * {@code application.yaml} (environment variables override, e.g. {@code MOCKS3_RETRIES_TASKS_MAXATTEMPTS}).
 * A policy with a missing or impossible setting stops the service at start-up, naming the property.
 */
@ConfigurationProperties("mocks3")
public record RetryProperties(Map<String, RetrySettings> retries) {
  public RetryProperties {
    retries = retries == null ? Map.of() : Map.copyOf(retries);
    List<String> problems = new ArrayList<>();
    new TreeMap<>(retries).forEach((name, settings) -> problems.addAll(settings.problems("mocks3.retries." + name)));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** The policy named {@code name}; fails naming the property to add when the service has none of that name. */
  public RetrySettings policy(String name) {
    RetrySettings settings = retries.get(name);
    if (settings == null) {
      throw new IllegalStateException("no retry policy mocks3.retries." + name + " (max-attempts, initial-delay, multiplier,"
          + " max-delay): add it to the mocks3.retries block of the service's application.yaml; known: " + retries.keySet());
    }
    return settings;
  }
}
