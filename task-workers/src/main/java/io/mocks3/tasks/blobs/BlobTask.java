package io.mocks3.tasks.blobs;

import java.util.List;
import java.util.Map;

/**
 * One unit of blob work, as it travels on {@code mocks3.tasks.gc} / {@code mocks3.tasks.repair}
 * (JSON): collect {@code blobs} from {@code node} (keyed by the node: a sweep's orphans on one node
 * go in batches of at most {@value BlobSweep#COLLECT_BATCH}), repair {@code blob} there from
 * {@code source}, checking {@code size} and {@code md5} (keyed by blob id), or drop {@code blob}, a
 * former holder's surplus copy. A collection carries {@code commandsEnd}, where the command log
 * ended (per partition) when the sweep found its blobs unreferenced: any command that could
 * reference them lies before that, so the projector must have projected up to there before they
 * may go. A surplus collection carries {@code holders} instead: the nodes the blob is placed on,
 * each of which must serve it before this node's copy is dropped. A collection of one {@code blob}
 * (without {@code blobs}, as tasks were written before batches) is still read.
 */
public record BlobTask(String blob, List<String> blobs, String node, String source, Long size, String md5,
    Map<Integer, Long> commandsEnd, List<String> holders) {
  static BlobTask collect(List<String> blobs, String node, Map<Integer, Long> commandsEnd) {
    return new BlobTask(null, List.copyOf(blobs), node, null, null, null, commandsEnd, null);
  }

  static BlobTask repair(String blob, String node, String source, long size, String md5) {
    return new BlobTask(blob, null, node, source, size, md5, null, null);
  }

  static BlobTask dropSurplus(String blob, String node, List<String> holders) {
    return new BlobTask(blob, null, node, null, null, null, null, List.copyOf(holders));
  }

  /** The blobs a collection names: its batch, or its one blob. */
  List<String> collected() {
    return blobs != null ? blobs : blob == null ? List.of() : List.of(blob);
  }

  /** The record's key: the node of a batch (its batches go through one partition, one at a time), else the blob. */
  String key() {
    return blobs != null ? node : blob;
  }
}
