package io.mocks3.storage.ingest;

import io.mocks3.schemas.ReplayAnswer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A rebuild of this node's disk under way: the blob log's end offsets when the disk was wiped, and
 * what was stored since. It has caught up once every partition was consumed to that end; what came
 * later is ordinary ingestion. Owned by the ingest thread; its futures are what callers wait on.
 */
public final class DiskReplay {
  private final CompletableFuture<Void> wiped = new CompletableFuture<>();
  private final CompletableFuture<Result> caughtUp = new CompletableFuture<>();
  private final long requested = System.nanoTime();
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
   * @param wipeMillis from the request until the disk was empty (its files moved to the trash, deleted after)
   * @param tookMillis from then until the log was stored again: the rates are over this time
   */
  public record Result(String node, long chunksRead, long chunksStored, long blobsStored, long bytesStored,
      long wipeMillis, long tookMillis) {
    public Map<String, Object> describe() {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("chunksRead", chunksRead);
      figures.put("chunksStored", chunksStored);
      figures.put("blobsStored", blobsStored);
      figures.put("bytesStored", bytesStored);
      figures.put("wipeMs", wipeMillis);
      figures.put("blobsPerSecond", ReplayAnswer.perSecond(blobsStored, tookMillis));
      return ReplayAnswer.caughtUp(node, figures, tookMillis, "mibPerSecond", bytesStored / (double) (1 << 20));
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

  /** Whether {@code record} was in the log when the disk was wiped: one this replay stores again. */
  boolean replays(ConsumerRecord<?, ?> record) {
    Long endAtWipe = end.get(new TopicPartition(record.topic(), record.partition()));
    return endAtWipe != null && record.offset() < endAtWipe;
  }

  /** The partitions and the offsets this replay must reach. */
  Map<TopicPartition, Long> end() {
    return end;
  }

  void finish(String node, long nanos) {
    caughtUp.complete(new Result(node, chunksRead, chunksStored, blobsStored, bytesStored, (started - requested) / 1_000_000,
        (nanos - started) / 1_000_000));
  }
}
