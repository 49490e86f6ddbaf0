package io.mocks3.kafkaconfig;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The consuming side of trace propagation: work done for a record runs in a span that continues
 * the trace its producer was in (the {@code traceparent} header {@link KafkaObservability} put
 * there), so one S3 request is one trace from the gateway through the log to the projector and
 * the storage nodes. A service installs its OpenTelemetry once at start; until then, and where
 * tracing is off, spans are no-ops.
 *
 * <p>Why not OpenTelemetry's Kafka instrumentation ({@code opentelemetry-kafka-clients-2.6}, tried
 * at 2.31.1-alpha): its library form makes a "receive" span when {@code poll} returns, not a span
 * that is current while one record's work runs, so each consumer would still need this method to
 * put the record's trace around its work; it does not reach Kafka Streams at all (only the Java
 * agent does), and the projector consumes the command log through Streams; and it is built against
 * OpenTelemetry API 1.65 where Spring Boot 4.1.2 pins 1.62 for every service. What it would replace
 * is the four lines of {@code traceparent} injection in {@link KafkaObservability.Producer}.
 */
public final class KafkaTracing {
  private static volatile OpenTelemetry openTelemetry = OpenTelemetry.noop();
  private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Headers headers) {
      List<String> keys = new ArrayList<>();
      headers.forEach(h -> keys.add(h.key()));
      return keys;
    }

    @Override
    public String get(Headers headers, String key) {
      Header h = headers == null ? null : headers.lastHeader(key);
      return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
  };

  private KafkaTracing() {}

  public static void install(OpenTelemetry instance) {
    openTelemetry = instance;
  }

  /** Work done for a consumed record. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T call() throws E;
  }

  /** Runs {@code work} in a consumer span named {@code name}, child of the record's trace when it carries one. */
  public static <T, E extends Exception> T consume(String name, String topic, Headers headers, Work<T, E> work) throws E {
    Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    Span span = openTelemetry.getTracer("io.mocks3").spanBuilder(name).setParent(parent).setSpanKind(SpanKind.CONSUMER)
        .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", topic).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return work.call();
    } catch (RuntimeException | Error e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      throw e;
    } catch (Exception e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      throw e;
    } finally {
      span.end();
    }
  }
}
