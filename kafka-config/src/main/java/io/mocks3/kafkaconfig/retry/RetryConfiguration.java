package io.mocks3.kafkaconfig.retry;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@code mocks3.retries} and offers {@link Retries}; a service imports it ({@code @Import(RetryConfiguration.class)}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetryProperties.class)
public class RetryConfiguration {
  @Bean
  Retries retries(RetryProperties properties, MeterRegistry meters) {
    return new Retries(properties, meters);
  }
}
