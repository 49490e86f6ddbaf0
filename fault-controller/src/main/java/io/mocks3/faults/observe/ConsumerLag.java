package io.mocks3.faults.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.mocks3.kafkaconfig.GroupLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code consumer_lag{group, topic}}: how many records each consumer group has yet to consume on
 * each topic (end offset minus committed offset, summed over partitions; see {@link GroupLag}), as
 * Kafka UI shows it, measured every 5 s from the broker. Consumers without a group (the gateway's outcome tracker)
 * have no lag to report.
 */
public final class ConsumerLag implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
  private final Admin admin;
  private final GroupLag groupLag;
  private final MultiGauge gauge;
  private final ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "consumer-lag");
    t.setDaemon(true);
    return t;
  });
  private volatile Map<String, Map<String, Long>> lags = Map.of();

  public ConsumerLag(String bootstrapServers, MeterRegistry meters) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "fault-controller-lag");
    this.admin = Admin.create(p);
    this.groupLag = new GroupLag(admin, Duration.ofSeconds(10));
    this.gauge = MultiGauge.builder("consumer.lag").description("records a consumer group has yet to consume, by topic")
        .register(meters);
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::measure, 0, 5, TimeUnit.SECONDS);
  }

  /** Group → topic → lag, as last measured. */
  public Map<String, Map<String, Long>> lags() {
    return lags;
  }

  /**
   * Measures now (and updates the metric): group → topic → lag; empty when the broker did not
   * answer, so that a caller waiting for a lag of zero never takes an old measurement for it.
   */
  public Optional<Map<String, Map<String, Long>>> measure() {
    try {
      Map<String, Map<String, Long>> found = groupLag.everyGroup();
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      found.forEach((group, topics) -> topics.forEach((topic, lag) ->
          rows.add(MultiGauge.Row.of(Tags.of("group", group, "topic", topic), lag))));
      gauge.register(rows, true);
      lags = found;
      return Optional.of(found);
    } catch (RuntimeException e) {
      log.debug("consumer lag not measured: {}", e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(5));
  }
}
