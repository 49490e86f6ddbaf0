package io.mocks3.gateway.storage;

import io.mocks3.schemas.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Reads blob bytes from the storage nodes over HTTP. Every node consumes the same log, so any
 * node may hold a blob; a node that does not have it yet (404) or does not answer is skipped.
 */
public final class StorageNodes {
  private final List<URI> nodes;
  private final HttpClient http;

  public StorageNodes(List<URI> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("mocks3.gateway.storage-nodes must name at least one node");
    }
    this.nodes = List.copyOf(nodes);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** Opens {@code length} bytes of {@code blob} from {@code offset}, from the first node that has them. */
  public InputStream open(BlobId blob, long offset, long length) throws BlobUnavailableException {
    int start = Math.floorMod(blob.hashCode(), nodes.size());
    StringBuilder failures = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      URI node = nodes.get((start + i) % nodes.size());
      URI uri = node.resolve("/blobs/" + blob.value() + "?offset=" + offset + "&length=" + length);
      try {
        HttpResponse<InputStream> response =
            http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
          return response.body();
        }
        response.body().close();
        failures.append(node).append(" answered ").append(response.statusCode()).append("; ");
      } catch (IOException e) {
        failures.append(node).append(" failed: ").append(e.getMessage()).append("; ");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BlobUnavailableException("interrupted reading " + blob);
      }
    }
    throw new BlobUnavailableException("no storage node serves blob " + blob + ": " + failures);
  }

  public List<URI> nodes() {
    return nodes;
  }

  /** No node could serve a blob: missing everywhere, or every node down. */
  public static final class BlobUnavailableException extends Exception {
    BlobUnavailableException(String message) {
      super(message);
    }
  }
}
