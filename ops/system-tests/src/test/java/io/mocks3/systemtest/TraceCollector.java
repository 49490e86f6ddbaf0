package io.mocks3.systemtest;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal OTLP/HTTP traces receiver for the suite: the stack's services export their spans
 * here (protobuf, as the OpenTelemetry SDK sends them) and tests look them up by trace id.
 */
final class TraceCollector implements AutoCloseable {
  /** One received span: the service that made it, its name, ids and string attributes. */
  record ReceivedSpan(String service, String name, String spanId, String parentSpanId, Map<String, String> attributes) {}

  private final HttpServer server;
  private final Map<String, List<ReceivedSpan>> byTrace = new ConcurrentHashMap<>();

  TraceCollector(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/v1/traces", exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        collect(ExportTraceServiceRequest.parseFrom(body));
        exchange.sendResponseHeaders(200, -1);
      } catch (IOException | RuntimeException e) {
        exchange.sendResponseHeaders(400, -1);
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  private void collect(ExportTraceServiceRequest request) {
    for (ResourceSpans resource : request.getResourceSpansList()) {
      String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name", "?");
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (var span : scope.getSpansList()) {
          byTrace.computeIfAbsent(hex(span.getTraceId().toByteArray()), t -> new CopyOnWriteArrayList<>())
              .add(new ReceivedSpan(service, span.getName(), hex(span.getSpanId().toByteArray()),
                  hex(span.getParentSpanId().toByteArray()), attributes(span.getAttributesList())));
        }
      }
    }
  }

  List<ReceivedSpan> trace(String traceId) {
    return byTrace.getOrDefault(traceId, List.of());
  }

  private static Map<String, String> attributes(List<KeyValue> values) {
    Map<String, String> out = new TreeMap<>();
    values.forEach(kv -> out.put(kv.getKey(), kv.getValue().hasStringValue() ? kv.getValue().getStringValue()
        : kv.getValue().toString().trim()));
    return out;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
