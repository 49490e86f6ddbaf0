package io.mocks3.faults.agent.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Puts the {@link ControlPlaneGuard} into every servlet service that has the fault agent, whether
 * or not its faults are enabled ({@code mocks3.faults.enabled=false} must not open the control plane).
 * Properties: {@code mocks3.control.token} (env {@code MOCKS3_CONTROL_TOKEN}; unset: no token needed);
 * {@code mocks3.faults.http=s3} marks the gateway, whose {@code /admin/...} is S3 traffic.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
public class ControlPlaneAutoConfiguration {
  @Bean
  ControlPlaneGuard controlPlaneGuard(ObjectProvider<MeterRegistry> metrics, Environment env) {
    ControlToken token = ControlToken.of(env.getProperty(ControlToken.PROPERTY));
    // The same token goes on this service's own calls to other services' /admin/** (one stack, one token).
    ControlToken.install(token);
    return new ControlPlaneGuard(token, !"s3".equals(env.getProperty("mocks3.faults.http")),
        metrics.getIfAvailable(SimpleMeterRegistry::new));
  }
}
