package io.mocks3.tasks;

import io.mocks3.kafkaconfig.MeteredKafkaProducer;
import io.mocks3.kafkaconfig.KafkaClients;
import io.mocks3.kafkaconfig.KafkaSettings;
import io.mocks3.kafkaconfig.retry.RetryConfiguration;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.command.Command;
import io.mocks3.tasks.blobs.BlobSweep;
import io.mocks3.tasks.blobs.BlobTaskProperties;
import io.mocks3.tasks.lifecycle.LifecycleExpiry;
import io.mocks3.tasks.lifecycle.LifecycleProperties;
import io.mocks3.tasks.multipart.AbandonedUploads;
import io.mocks3.tasks.multipart.MultipartCleanupProperties;
import io.mocks3.tasks.notification.WebhookProperties;
import io.mocks3.tasks.origin.OriginProperties;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Asynchronous tasks: webhook delivery of notifications ({@code notification}), the abandoned
 * multipart-upload sweep ({@code multipart}), blob garbage collection and replica repair
 * ({@code blobs}), origin back-fill ({@code origin}), lifecycle expiration ({@code lifecycle}).
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({WebhookProperties.class, MultipartCleanupProperties.class, BlobTaskProperties.class,
    OriginProperties.class, LifecycleProperties.class})
@Import(RetryConfiguration.class)
public class TaskWorkersApplication {
  public static void main(String[] args) {
    SpringApplication.run(TaskWorkersApplication.class, args);
  }

  /** Commands the tasks put on the log (aborts of abandoned uploads). */
  @Bean(destroyMethod = "close")
  Producer<String, Command> commandProducer(Environment env) {
    return new MeteredKafkaProducer<>(KafkaClients.producer(kafka(env).bootstrapServers(), "task-workers"), new StringSerializer(),
        JsonSerde.of(Command.class));
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  private static KafkaSettings kafka(Environment env) {
    return Binder.get(env).bind("mocks3.kafka", KafkaSettings.class).get();
  }

  /** The schedules of the periodic tasks, from their properties. */
  @Configuration
  static class Schedules implements SchedulingConfigurer {
    private final AbandonedUploads abandonedUploads;
    private final MultipartCleanupProperties multipartCleanup;
    private final BlobSweep blobSweep;
    private final BlobTaskProperties blobTasks;
    private final LifecycleExpiry lifecycle;
    private final LifecycleProperties lifecycleProperties;

    Schedules(AbandonedUploads abandonedUploads, MultipartCleanupProperties multipartCleanup, BlobSweep blobSweep,
        BlobTaskProperties blobTasks, LifecycleExpiry lifecycle, LifecycleProperties lifecycleProperties) {
      this.lifecycle = lifecycle;
      this.lifecycleProperties = lifecycleProperties;
      this.abandonedUploads = abandonedUploads;
      this.multipartCleanup = multipartCleanup;
      this.blobSweep = blobSweep;
      this.blobTasks = blobTasks;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
      registrar.addFixedDelayTask(abandonedUploads::sweep, multipartCleanup.interval());
      registrar.addFixedDelayTask(blobSweep::scheduled, blobTasks.interval());
      registrar.addFixedDelayTask(lifecycle::scheduled, lifecycleProperties.interval());
    }
  }
}
