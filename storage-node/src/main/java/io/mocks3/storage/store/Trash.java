package io.mocks3.storage.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a wiped disk's files go. Its directories are renamed into {@code trash/} at once and left
 * empty in their place (a million blobs are a rename, not a million deletes on the ingest thread
 * while the replay waits), then a background thread deletes them; what a crash left in the trash
 * is deleted after the next start.
 */
final class Trash {
  private static final Logger log = LoggerFactory.getLogger(Trash.class);
  private final Path dir;
  /** Held while a bin is filled, and while the bins are listed. */
  private final Object binning = new Object();
  /** One thread at a time empties the trash; it ends when there is nothing left to do. */
  private final ThreadPoolExecutor emptier = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
    Thread t = new Thread(r, "disk-trash");
    t.setDaemon(true);
    return t;
  });

  Trash(BlobLayout layout) {
    this.dir = layout.root().resolve("trash");
    emptier.allowCoreThreadTimeOut(true);
    emptier.execute(this::empty);
  }

  /**
   * Moves {@code dirs} (directories directly under the root) into the trash and creates them again
   * empty; both renames and the new directories are durable when this returns.
   */
  void discard(List<Path> dirs) throws IOException {
    synchronized (binning) {
      Path bin = Files.createTempDirectory(Files.createDirectories(dir), "wiped-");
      for (Path d : dirs) {
        Files.move(d, bin.resolve(d.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        Files.createDirectory(d);
      }
      for (Path changed : List.of(bin, dir, dir.getParent())) {
        try (FileChannel channel = FileChannel.open(changed, StandardOpenOption.READ)) {
          channel.force(true);
        }
      }
    }
    emptier.execute(this::empty);
  }

  /** Deletes everything in the trash, one file at a time, off the ingest thread. */
  private void empty() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    long started = System.nanoTime();
    AtomicLong deleted = new AtomicLong();
    List<Path> bins;
    // Only whole bins: one being filled is listed by the next run.
    synchronized (binning) {
      try (var listed = Files.list(dir)) {
        bins = listed.toList();
      } catch (IOException e) {
        log.warn("could not list the trash {}; the next start tries again", dir, e);
        return;
      }
    }
    try {
      for (Path bin : bins) {
        Files.walkFileTree(bin, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            Files.deleteIfExists(file);
            deleted.incrementAndGet();
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(d);
            return FileVisitResult.CONTINUE;
          }
        });
      }
      if (deleted.get() > 0) {
        log.info("deleted {} files of a wiped disk in {} ms", deleted.get(), (System.nanoTime() - started) / 1_000_000);
      }
    } catch (IOException e) {
      log.warn("could not empty the trash {} ({} files deleted); the next start tries again", dir, deleted.get(), e);
    }
  }
}
