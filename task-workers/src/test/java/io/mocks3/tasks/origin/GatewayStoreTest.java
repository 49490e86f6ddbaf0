package io.mocks3.tasks.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayStoreTest {
  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private GatewayStore gateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
          + exchange.getRequestHeaders().getFirst("If-None-Match") + " " + exchange.getRequestHeaders().getFirst("x-amz-meta-owner")
          + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    server.start();
    return new GatewayStore(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aKeysSlashesStayAndEverythingElseIsEncoded() {
    GatewayStore store = new GatewayStore(URI.create("http://gw:8080//"), Duration.ofSeconds(1));
    assertThat(store.objectUri("b", "a dir/x+y?.txt")).hasToString("http://gw:8080/b/a%20dir/x%2By%3F.txt");
  }

  @Test
  void theStoreIsAConditionalPut_AndAKeyWrittenMeanwhileWins() throws Exception {
    GatewayStore store = gateway();
    Path staged = Files.writeString(dir.resolve("staged"), "bytes");
    Fetched fetched = new Fetched(5, new byte[16], Map.of("Content-Type", "text/plain"), Map.of("owner", "ann"));
    store.store("b", "k", staged, fetched);
    status.set(412);
    store.store("b", "k", staged, fetched);
    assertThat(seen).containsExactly("PUT /b/k * ann bytes", "PUT /b/k * ann bytes");

    status.set(503);
    assertThatThrownBy(() -> store.store("b", "k", staged, fetched)).isInstanceOf(IOException.class)
        .hasMessageContaining("the gateway answered 503");
  }
}
