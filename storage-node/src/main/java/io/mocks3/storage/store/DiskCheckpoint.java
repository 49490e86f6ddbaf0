package io.mocks3.storage.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a disk stands in the blob log: the next offset to consume of each partition, as of the
 * last durable batch. The disk, not the consumer group, owns it, so a disk that comes back empty
 * (or is wiped) starts again from the beginning of the log and rebuilds itself.
 */
final class DiskCheckpoint {
  private final Path file;

  DiskCheckpoint(BlobLayout layout) {
    this.file = layout.checkpoint();
  }

  Map<Integer, Long> read() throws IOException {
    Map<Integer, Long> out = new HashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    p.forEach((k, v) -> out.put(Integer.parseInt((String) k), Long.parseLong((String) v)));
    return out;
  }

  /** Records the log position after a durable batch (written aside, fsync'd, renamed into place). */
  void save(Map<Integer, Long> positions) throws IOException {
    Properties p = new Properties();
    positions.forEach((k, v) -> p.setProperty(String.valueOf(k), String.valueOf(v)));
    Path next = file.resolveSibling("checkpoint.next");
    try (var out = Files.newBufferedWriter(next)) {
      p.store(out, "next offset of each partition of the blob log");
    }
    try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes the position, durably: the directory holding it is fsync'd. */
  void forget() throws IOException {
    Files.deleteIfExists(file);
    try (FileChannel channel = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
