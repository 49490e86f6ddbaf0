package io.mocks3.faults;

import static io.mocks3.kafkaconfig.KafkaTopicsAutoConfiguration.TOPICS;

import io.mocks3.faults.events.FaultEventLog;
import io.mocks3.faults.rules.RuleStore;
import io.mocks3.faults.scenarios.Scenarios;
import io.mocks3.faults.agent.FaultRecorder;
import io.mocks3.faults.observe.ConsumerLag;
import io.mocks3.faults.streams.Poisoner;
import io.mocks3.faults.streams.Redriver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import io.mocks3.kafkaconfig.KafkaSettings;
import io.mocks3.kafkaconfig.TopicCatalogue;
import io.mocks3.faults.runs.RunLifecycle;
import io.mocks3.faults.runs.RunReports;
import io.mocks3.faults.runs.RunStore;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;

/** The fault control plane: rules and kill switch (rules), injections recorded by the agents (events). */
@SpringBootApplication
public class FaultControllerApplication {
  public static void main(String[] args) {
    SpringApplication.run(FaultControllerApplication.class, args);
  }

  @Bean
  KafkaSettings kafkaSettings(Environment env) {
    return Binder.get(env).bind("mocks3.kafka", KafkaSettings.class).get();
  }

  /**
   * The topic catalogue; its topics exist once kafka-config's {@code mocks3Topics} bean is made
   * (spring-kafka's KafkaAdmin provisions them), before the clients below start.
   */
  @Bean
  @DependsOn(TOPICS)
  TopicCatalogue topics() {
    return TopicCatalogue.load();
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @DependsOn("topics")
  RuleStore ruleStore(KafkaSettings kafka) {
    return new RuleStore(kafka.bootstrapServers());
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @DependsOn("topics")
  FaultEventLog faultEventLog(KafkaSettings kafka) {
    return new FaultEventLog(kafka.bootstrapServers());
  }

  @Bean(destroyMethod = "close")
  @DependsOn("topics")
  Redriver redriver(KafkaSettings kafka) {
    return new Redriver(kafka.bootstrapServers());
  }

  @Bean(destroyMethod = "close")
  @DependsOn("topics")
  Poisoner poisoner(KafkaSettings kafka, ObjectProvider<MeterRegistry> meters, Clock clock) {
    return new Poisoner(kafka.bootstrapServers(), new FaultRecorder(kafka.bootstrapServers(), "fault-controller-poison-events",
        meters.getIfAvailable(SimpleMeterRegistry::new)), clock);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @DependsOn("topics")
  ConsumerLag consumerLag(KafkaSettings kafka, ObjectProvider<MeterRegistry> meters) {
    return new ConsumerLag(kafka.bootstrapServers(), meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  Scenarios scenarios(RuleStore store, KafkaSettings kafka, Clock clock) throws java.io.IOException {
    return new Scenarios(store, new io.mocks3.faults.scenarios.ScenarioLog(kafka.bootstrapServers()), clock);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  @DependsOn("topics")
  RunStore runStore(KafkaSettings kafka) {
    return new RunStore(kafka.bootstrapServers());
  }

  @Bean
  RunLifecycle runLifecycle(RunStore runs, RuleStore rules, Scenarios scenarios, ConsumerLag lag, KafkaSettings kafka,
      Clock clock) {
    return new RunLifecycle(runs, rules, scenarios, lag, kafka.bootstrapServers(), clock);
  }

  /** Runs a restarted controller finds settling are finished once everything is up. */
  @Bean
  org.springframework.boot.ApplicationRunner finishInterruptedRuns(RunLifecycle lifecycle) {
    return args -> lifecycle.finishInterrupted();
  }

  @Bean
  RunReports runReports(KafkaSettings kafka, Environment env, FaultEventLog events) {
    return new RunReports(kafka.bootstrapServers(), env.getRequiredProperty("mocks3.runs.gateway-url"),
        events);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  HealthIndicator faultControlPlane(RuleStore rules, FaultEventLog events, RunStore runs) {
    return () -> (rules.healthy() && events.running() && runs.healthy() ? Health.up() : Health.down())
        .withDetail("ruleFollower", rules.healthy()).withDetail("runs", runs.healthy()).withDetail("eventLog", events.running()).build();
  }
}
