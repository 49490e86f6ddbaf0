package io.mocks3.storage.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * A rebuild of this node's disk under way: the blob log's end offsets when the disk was wiped, and
 * what was stored since. It has caught up once every partition was consumed to that end; what came
 * later is ordinary ingestion. Owned by the ingest thread; its futures are what callers wait on.
 */
public final class DiskReplay {
  private final CompletableFuture<Void> wiped = new CompletableFuture<>();
  private final CompletableFuture<Result> caughtUp = new CompletableFuture<>();
  private Map<TopicPartition, Long> end;
  private long started;
  private long chunksRead;
  private long chunksStored;
  private long blobsStored;
  private long bytesStored;

  /**
   * What one replay did.
   *
   * @param chunksRead records of the blob log consumed (with the chunks of blobs placed on other nodes)
   * @param chunksStored chunks written to this disk
   * @param blobsStored blobs completed (every chunk on disk, acknowledged)
   */
  public record Result(String node, long chunksRead, long chunksStored, long blobsStored, long bytesStored, long tookMillis) {
    public Map<String, Object> describe() {
      double seconds = Math.max(tookMillis, 1) / 1000.0;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("projection", node);
      out.put("status", "caught up");
      out.put("chunksRead", chunksRead);
      out.put("chunksStored", chunksStored);
      out.put("blobsStored", blobsStored);
      out.put("bytesStored", bytesStored);
      out.put("tookMs", tookMillis);
      out.put("blobsPerSecond", Math.round(blobsStored / seconds));
      out.put("mibPerSecond", Math.round(bytesStored / seconds / (1 << 20) * 10) / 10.0);
      return out;
    }
  }

  /** Completes once the disk is empty and consumption starts again from the beginning of the log. */
  public CompletableFuture<Void> wiped() {
    return wiped;
  }

  /** Completes once the log, up to its end at the wipe, is on this disk again. */
  public CompletableFuture<Result> caughtUp() {
    return caughtUp;
  }

  void began(Map<TopicPartition, Long> endAtWipe, long nanos) {
    this.end = Map.copyOf(endAtWipe);
    this.started = nanos;
    wiped.complete(null);
  }

  void failed(Throwable cause) {
    wiped.completeExceptionally(cause);
    caughtUp.completeExceptionally(cause);
  }

  void read(int chunks) {
    chunksRead += chunks;
  }

  void stored(long bytes) {
    chunksStored++;
    bytesStored += bytes;
  }

  void completed(int blobs) {
    blobsStored += blobs;
  }

  /** The partitions and the offsets this replay must reach. */
  Map<TopicPartition, Long> end() {
    return end;
  }

  void finish(String node, long nanos) {
    caughtUp.complete(new Result(node, chunksRead, chunksStored, blobsStored, bytesStored, (nanos - started) / 1_000_000));
  }
}
