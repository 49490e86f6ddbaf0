package io.mocks3.tasks.blobs;

import java.util.List;
import java.util.Map;

/**
 * One unit of blob work, as it travels on {@code mocks3.tasks.gc} / {@code mocks3.tasks.repair}
 * (JSON, keyed by blob id): collect {@code blob} from {@code node}, or repair it there from
 * {@code source}, checking {@code size} and {@code md5}. A collection carries {@code commandsEnd},
 * where the command log ended (per partition) when the sweep found the blob unreferenced: any
 * command that could reference it lies before that, so the projector must have projected up to
 * there before the blob may go. A surplus collection carries {@code holders} instead: the nodes the
 * blob is placed on, each of which must serve it before this node's copy (a former holder's) is dropped.
 */
public record BlobTask(String blob, String node, String source, Long size, String md5, Map<Integer, Long> commandsEnd,
    List<String> holders) {
  static BlobTask collect(String blob, String node, Map<Integer, Long> commandsEnd) {
    return new BlobTask(blob, node, null, null, null, commandsEnd, null);
  }

  static BlobTask repair(String blob, String node, String source, long size, String md5) {
    return new BlobTask(blob, node, source, size, md5, null, null);
  }

  static BlobTask dropSurplus(String blob, String node, List<String> holders) {
    return new BlobTask(blob, node, null, null, null, null, List.copyOf(holders));
  }
}
