package io.mocks3.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mocks3.ops.stack.StackLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /admin/commands/pause} on the projector: acknowledged eventual writes queue in the log
 * and are not applied while it is paused; after {@code resume} they all are, from where it stopped.
 */
@ExtendWith(LocalStackExtension.class)
class ProjectorPauseIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> projector(String method, String path) throws Exception {
    return HTTP.send(FaultControl.authorized(HttpRequest.newBuilder(
        URI.create(LocalStackExtension.layout().url(StackLayout.PROJECTOR) + path))
        .method(method, HttpRequest.BodyPublishers.noBody())).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void writesQueueWhileTheProjectorIsPausedAndAreAppliedWhenItResumes() throws Exception {
    String bucket = "paused-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Clients.http("PUT", "/" + bucket, null).statusCode()).isEqualTo(200);
    HttpResponse<String> paused = projector("POST", "/admin/commands/pause");
    try {
      assertThat(paused.statusCode()).isEqualTo(200);
      assertThat(paused.body()).contains("\"paused\":true");
      for (int i = 0; i < 20; i++) {
        assertThat(Clients.http("PUT", "/" + bucket + "/k" + i, ("v" + i).getBytes(), "x-mocks3-consistency", "eventual")
            .statusCode()).isEqualTo(200);
      }
      // Strong reads ask PostgreSQL: nothing of the twenty is there while the projector is paused.
      assertThat(Clients.http("GET", "/" + bucket + "?list-type=2", null).body()).contains("<KeyCount>0</KeyCount>");
      assertThat(Clients.http("HEAD", "/" + bucket + "/k19", null).statusCode()).isEqualTo(404);
      assertThat(projector("GET", "/admin/commands").body()).contains("\"paused\":true");
    } finally {
      HttpResponse<String> resumed = projector("POST", "/admin/commands/resume");
      assertThat(resumed.statusCode()).isEqualTo(200);
      assertThat(resumed.body()).contains("\"paused\":false");
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(Clients.http("GET", "/" + bucket + "?list-type=2", null).body()).contains("<KeyCount>20</KeyCount>"));
    assertThat(Clients.http("GET", "/" + bucket + "/k7", null).body()).isEqualTo("v7");
  }
}
