package io.mocks3.faults.agent;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mocks3.schemas.fault.Services;
import io.mocks3.faults.agent.link.LinkSettings;
import io.mocks3.faults.agent.link.NetworkLinks;
import io.mocks3.faults.agent.process.ProcessScenarioFilter;
import io.mocks3.faults.agent.process.ProcessScenarios;
import io.mocks3.faults.agent.process.ProcessSettings;
import io.mocks3.kafkaconfig.KafkaTracing;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.SmartInitializingSingleton;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Puts the fault agent into every Spring Boot service that has this library: it follows the
 * rules of {@code mocks3.kafka.bootstrap-servers} and guards the service's HTTP endpoints.
 * Properties: {@code mocks3.faults.enabled} (default true), {@code mocks3.faults.service} (the
 * service rules name, default {@code spring.application.name}), {@code mocks3.faults.instance}
 * (default the service), {@code mocks3.faults.http} ({@code s3}, {@code plain} or {@code none}),
 * {@code mocks3.faults.bootstrap-servers} (the broker the agent's own rule follower and fault
 * recorder use, default {@code mocks3.kafka.bootstrap-servers}: a process whose Kafka traffic goes
 * through a network link keeps its rules and kill switch on a direct listener, so a partition never
 * cuts it from them), {@code mocks3.faults.links.<name>.port} / {@code .target} (its network links,
 * see {@link NetworkLinks}).
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "mocks3.faults", name = "enabled", matchIfMissing = true)
public class FaultAgentAutoConfiguration {
  /** This service's process scenarios ({@code mocks3.process.*}; off unless enabled). */
  @Bean(destroyMethod = "close")
  ProcessScenarios processScenarios(Environment env, ObjectProvider<MeterRegistry> metrics) {
    ProcessScenarios scenarios = new ProcessScenarios(new ProcessSettings(
        env.getProperty("mocks3.process.enabled", Boolean.class, false),
        env.getProperty("mocks3.process.crash-enabled", Boolean.class, false),
        env.getProperty("mocks3.process.max-memory-mb", Long.class, 512L),
        env.getProperty("mocks3.process.max-threads", Integer.class, 1000),
        env.getProperty("mocks3.process.max-disk-mb", Long.class, 256L),
        Path.of(env.getProperty("mocks3.process.scratch-dir", System.getProperty("java.io.tmpdir")))));
    MeterRegistry registry = metrics.getIfAvailable();
    if (registry != null) {
      for (String name : ProcessScenarios.NAMES) {
        Gauge.builder("mocks3.process.scenario.active", scenarios, s -> s.running(name) ? 1 : 0)
            .description("1 while the process scenario runs in this service").tag("scenario", name).register(registry);
      }
    }
    return scenarios;
  }

  /**
   * Opens the process's network links ({@code mocks3.faults.links.*}) before any other bean exists:
   * the service's Kafka, JDBC and Redis clients are configured with the links' addresses and may
   * connect while the context is still starting.
   */
  @Bean
  static BeanFactoryPostProcessor networkLinksOpener(Environment env) {
    return beanFactory -> {
      Map<String, LinkSettings> settings = Binder.get(env)
          .bind("mocks3.faults.links", Bindable.mapOf(String.class, LinkSettings.class)).orElse(Map.of());
      try {
        NetworkLinks links = NetworkLinks.open(settings);
        beanFactory.registerSingleton("networkLinks", links);
        if (beanFactory instanceof org.springframework.beans.factory.support.DefaultSingletonBeanRegistry registry) {
          registry.registerDisposableBean("networkLinks", links::close);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  FaultAgent faultAgent(Environment env, ObjectProvider<MeterRegistry> metrics, ProcessScenarios processScenarios,
      ObjectProvider<NetworkLinks> links) {
    String service = service(env);
    String instance = instance(env, service);
    String bootstrap = env.getProperty("mocks3.faults.bootstrap-servers",
        env.getRequiredProperty("mocks3.kafka.bootstrap-servers"));
    MeterRegistry registry = metrics.getIfAvailable(SimpleMeterRegistry::new);
    RuleBook book = new RuleBook(instance);
    book.onKillSwitch(processScenarios::killSwitch);
    FaultRecorder recorder = new FaultRecorder(bootstrap, instance + "-fault-events", registry);
    links.ifAvailable(l -> {
      l.bindTo(registry);
      l.follow(book, service, instance, recorder::record, Clock.systemUTC());
    });
    return new FaultAgent(instance, book, RuleFollower.of(bootstrap, instance + "-faults", book,
        (target, order) -> processScenarios.apply(target, order, service, instance)),
        recorder, Clock.systemUTC()).rememberDeadLetters(DeadLetterMemory.of(bootstrap));
  }

  @Bean
  @ConditionalOnExpression("'${mocks3.faults.http:plain}' != 'none'")
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "jakarta.servlet.Filter")
  HttpFaultFilter httpFaultFilter(FaultAgent agent, Environment env) {
    return new HttpFaultFilter(agent, httpTargets(env));
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

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "jakarta.servlet.Filter")
  HttpMetricsFilter httpMetricsFilter(ObjectProvider<MeterRegistry> metrics, Environment env) {
    String service = service(env);
    return new HttpMetricsFilter(metrics.getIfAvailable(SimpleMeterRegistry::new), service, httpTargets(env));
  }

  /**
   * {@link HttpMetricsFilter} is every service's HTTP metrics; Spring's server observation keeps its
   * spans but not its second timer of every request ({@code http.server.requests}, named in no
   * dashboard: 3% of the gateway's request thread).
   */
  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  MeterFilter springHttpServerTimerOff() {
    return MeterFilter.denyNameStartsWith("http.server.requests");
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "jakarta.servlet.Filter")
  ProcessScenarioFilter processScenarioFilter(ProcessScenarios scenarios, Environment env) {
    return new ProcessScenarioFilter(scenarios, env.getProperty("mocks3.process.api-listing", Boolean.class, true));
  }

  /**
   * Consumer spans ({@link KafkaTracing}) use the service's OpenTelemetry, once Spring Boot made
   * one (it does when tracing is on; without it they are no-ops).
   */
  @Bean
  SmartInitializingSingleton kafkaTracing(ObjectProvider<OpenTelemetry> openTelemetry) {
    return () -> openTelemetry.ifAvailable(KafkaTracing::install);
  }

  /**
   * How this service's requests are named: as S3 requests (they need the gateway's
   * {@code mocks3.base-domains} to see virtual-hosted-style buckets) or by method and path.
   */
  private static HttpTargets httpTargets(Environment env) {
    String service = service(env);
    if (!"s3".equals(env.getProperty("mocks3.faults.http"))) {
      return HttpTargets.plain(service);
    }
    List<String> baseDomains = Binder.get(env).bind("mocks3.base-domains", Bindable.listOf(String.class)).orElse(List.of());
    return HttpTargets.s3(service, Set.copyOf(baseDomains));
  }

  private static String instance(Environment env, String service) {
    return env.getProperty("mocks3.faults.instance", env.getProperty("mocks3.node-id", service));
  }

  private static String service(Environment env) {
    String name = env.getProperty("mocks3.faults.service", env.getProperty("spring.application.name", "unknown"));
    String canonical = Services.canonical(name);
    return canonical == null ? name : canonical;
  }
}
