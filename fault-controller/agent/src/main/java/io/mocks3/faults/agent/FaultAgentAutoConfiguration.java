package io.mocks3.faults.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mocks3.schemas.fault.Services;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Puts the fault agent into every Spring Boot service that has this library: it follows the
 * rules of {@code mocks3.kafka.bootstrap-servers} and guards the service's HTTP endpoints.
 * Properties: {@code mocks3.faults.enabled} (default true), {@code mocks3.faults.service} (the
 * service rules name, default {@code spring.application.name}), {@code mocks3.faults.instance}
 * (default the service), {@code mocks3.faults.http} ({@code s3}, {@code plain} or {@code none}).
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "mocks3.faults", name = "enabled", matchIfMissing = true)
public class FaultAgentAutoConfiguration {
  @Bean(initMethod = "start", destroyMethod = "close")
  FaultAgent faultAgent(Environment env, ObjectProvider<MeterRegistry> metrics) {
    String service = service(env);
    String instance = env.getProperty("mocks3.faults.instance", env.getProperty("mocks3.node-id", service));
    String bootstrap = env.getRequiredProperty("mocks3.kafka.bootstrap-servers");
    RuleBook book = new RuleBook(instance);
    return new FaultAgent(instance, book, RuleFollower.of(bootstrap, instance + "-faults", book),
        new FaultRecorder(bootstrap, instance + "-fault-events", metrics.getIfAvailable(SimpleMeterRegistry::new)),
        Clock.systemUTC());
  }

  @Bean
  @ConditionalOnExpression("'${mocks3.faults.http:plain}' != 'none'")
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "jakarta.servlet.Filter")
  HttpFaultFilter httpFaultFilter(FaultAgent agent, Environment env) {
    String service = service(env);
    return new HttpFaultFilter(agent, "s3".equals(env.getProperty("mocks3.faults.http"))
        ? HttpTargets.s3(service) : HttpTargets.plain(service));
  }

  /**
   * The agent in {@code /actuator/health} and {@code /health}: DOWN when it stopped following the
   * rules; its position in {@code mocks3.faults} tells how far the rules have reached this service.
   */
  @Bean
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  org.springframework.boot.health.contributor.HealthIndicator faultAgentHealth(FaultAgent agent) {
    return () -> (agent.following() ? org.springframework.boot.health.contributor.Health.up()
        : org.springframework.boot.health.contributor.Health.down())
        .withDetail("position", agent.position())
        .withDetail("rules", agent.rules().rules().size())
        .withDetail("killSwitch", agent.rules().killed())
        .build();
  }

  private static String service(Environment env) {
    String name = env.getProperty("mocks3.faults.service", env.getProperty("spring.application.name", "unknown"));
    String canonical = Services.canonical(name);
    return canonical == null ? name : canonical;
  }
}
