package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One trace per S3 request, through the log: a PUT sent inside a trace (W3C {@code traceparent})
 * yields spans of that trace in the gateway, the projector and both storage nodes, the consumers'
 * spans children of the producer's; a fault that touches a request marks its span.
 */
@ExtendWith(LocalStackExtension.class)
class TracingIT {
  @AfterEach
  void calm() throws Exception {
    FaultControl.clear();
  }

  private static String newTraceId() {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  private static String traceparent(String traceId) {
    return "00-" + traceId + "-" + "00f067aa0ba902b7" + "-01";
  }

  @Test
  void aPutIsOneTraceAcrossGatewayProjectorAndStorageNodes() throws Exception {
    String bucket = "trace-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    String traceId = newTraceId();
    assertThat(Clients.http("PUT", "/" + bucket + "/traced.txt", "followed".getBytes(), "traceparent", traceparent(traceId))
        .statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      List<TraceCollector.ReceivedSpan> spans = LocalStackExtension.traces().trace(traceId);
      assertThat(spans).extracting(TraceCollector.ReceivedSpan::service)
          .contains("api-gateway", "metadata-projector", "storage-node");
      assertThat(spans).filteredOn(s -> s.service().equals("storage-node")).extracting(TraceCollector.ReceivedSpan::name)
          .contains("mocks3.blob-chunk store");
      assertThat(spans).filteredOn(s -> s.service().equals("metadata-projector")).extracting(TraceCollector.ReceivedSpan::name)
          .contains("mocks3.command PutObject");
    });
    List<TraceCollector.ReceivedSpan> spans = LocalStackExtension.traces().trace(traceId);
    TraceCollector.ReceivedSpan server = spans.stream().filter(s -> s.service().equals("api-gateway")).findFirst().orElseThrow();
    assertThat(server.parentSpanId()).as("the gateway continues the client's trace").isEqualTo("00f067aa0ba902b7");
    // Every consumer span hangs off a span of the trace: one tree, not loose spans with a shared id.
    List<String> ids = spans.stream().map(TraceCollector.ReceivedSpan::spanId).toList();
    assertThat(spans).filteredOn(s -> !s.service().equals("api-gateway"))
        .allSatisfy(s -> assertThat(ids).contains(s.parentSpanId()));
  }

  @Test
  void aSpanTouchedByAFaultCarriesTheRuleAndScenario() throws Exception {
    String bucket = "trace-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    String rule = FaultControl.createRule("{\"name\": \"traced delay\", \"service\": \"gateway\", \"scenario\": \"traced\","
        + " \"conditions\": [{\"type\": \"bucket\", \"value\": \"" + bucket + "\"}], \"action\": {\"type\": \"delay\", \"delay\": \"10ms\"}}");
    String traceId = newTraceId();
    Clients.http("GET", "/" + bucket + "/missing", null, "traceparent", traceparent(traceId));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(LocalStackExtension.traces().trace(traceId))
        .anySatisfy(s -> assertThat(s.attributes()).containsEntry("rule_id", rule).containsEntry("scenario_id", "traced")));
  }
}
