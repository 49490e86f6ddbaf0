package io.mocks3.tasks.blobs;

/**
 * One unit of blob work, as it travels on {@code mocks3.tasks.gc} / {@code mocks3.tasks.repair}
 * (JSON, keyed by blob id): collect {@code blob} from {@code node}, or repair it there from
 * {@code source}, checking {@code size} and {@code md5}.
 */
public record BlobTask(String blob, String node, String source, Long size, String md5) {
  static BlobTask collect(String blob, String node) {
    return new BlobTask(blob, node, null, null, null);
  }

  static BlobTask repair(String blob, String node, String source, long size, String md5) {
    return new BlobTask(blob, node, source, size, md5);
  }
}
