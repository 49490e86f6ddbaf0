package io.mocks3.projector.topology;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.RuleBook;
import io.mocks3.kafkaconfig.KafkaSettings;
import io.mocks3.projector.MetadataProjectorApplication;
import io.mocks3.projector.ProjectorProperties;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.JsonSerde;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.Topics;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.CreateBucket;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.PutObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Not a test: the CPU one command costs in the topology alone (JSON, state stores, chaos gate,
 * tracing, MDC; no broker, no PostgreSQL), for profiling the projector's per-record work with JFR
 * away from a loaded stack. The test driver commits after every record, so per-commit work counts
 * once per command here. Run from the module's test classpath:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.mocks3.projector.topology.ApplyRateProbe 20000}
 */
public final class ApplyRateProbe {
  private ApplyRateProbe() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    Path stateDir = Files.createTempDirectory("apply-rate-probe");
    LongAdder projected = new LongAdder();
    Properties props = MetadataProjectorApplication.streamsConfig(new ProjectorProperties(
        new KafkaSettings("unused:9092"), "apply-rate-probe", "probe-1", stateDir, Duration.ofMillis(100), null, null));
    FaultAgent faults = new FaultAgent("probe", new RuleBook(), null, null, java.time.Clock.systemUTC());
    try (TopologyTestDriver driver = new TopologyTestDriver(CommandTopology.build(batch -> projected.add(batch.size()), faults),
        props)) {
      // Commands go in as the gateway wrote them (JSON bytes), encoded before the clock starts.
      TestInputTopic<String, byte[]> commands = driver.createInputTopic(Topics.COMMANDS, Serdes.String().serializer(),
          Serdes.ByteArray().serializer());
      JsonSerde<Command> json = JsonSerde.of(Command.class);
      BucketName bucket = BucketName.of("probe");
      Instant longAgo = Instant.now().minusSeconds(60);
      commands.pipeInput(bucket.value(), json.serialize(Topics.COMMANDS, new CreateBucket("create", bucket, longAgo)), longAgo);
      for (int round = 0; round < 2; round++) {
        List<byte[]> puts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          puts.add(json.serialize(Topics.COMMANDS, new PutObject("c" + round + "-" + i, bucket, ObjectKey.of("key-" + round + "-" + i),
              BlobRef.of(BlobId.random(), 1024, "0123456789abcdef0123456789abcdef"), null,
              new ObjectMetadata("application/octet-stream", Map.of(), Map.of(), Map.of()), null, longAgo)));
        }
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long started = System.nanoTime();
        for (byte[] put : puts) {
          commands.pipeInput(bucket.value(), put, longAgo);
        }
        double wall = (System.nanoTime() - started) / 1e3 / count;
        double onCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e3 / count;
        System.out.printf("%s: %d commands, %.1f us per command (%.1f us on CPU), %.0f commands per CPU-second%n",
            round == 0 ? "warm-up" : "measured", count, wall, onCpu, 1e6 / onCpu);
      }
    }
    System.out.println("projected " + projected.sum() + " events");
  }
}
