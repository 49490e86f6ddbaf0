package io.mocks3.tasks.blobs;

import java.util.Map;

/**
 * One unit of blob work, as it travels on {@code mocks3.tasks.gc} / {@code mocks3.tasks.repair}
 * (JSON, keyed by blob id): collect {@code blob} from {@code node}, or repair it there from
 * {@code source}, checking {@code size} and {@code md5}. A collection carries {@code commandsEnd},
 * where the command log ended (per partition) when the sweep found the blob unreferenced: any
 * command that could reference it lies before that, so the projector must have projected up to
 * there before the blob may go.
 */
public record BlobTask(String blob, String node, String source, Long size, String md5, Map<Integer, Long> commandsEnd) {
  static BlobTask collect(String blob, String node, Map<Integer, Long> commandsEnd) {
    return new BlobTask(blob, node, null, null, null, commandsEnd);
  }

  static BlobTask repair(String blob, String node, String source, long size, String md5) {
    return new BlobTask(blob, node, source, size, md5, null);
  }
}
