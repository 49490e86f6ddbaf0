package io.mocks3.storage.store;

import io.mocks3.schemas.BlobId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** What a disk holds: its complete blobs, the bytes they take, and forgetting all of them. */
final class BlobInventory {
  private static final long SPACE_MEASURED_EVERY_NANOS = 10_000_000_000L;
  private final BlobLayout layout;
  private long space;
  private long spaceMeasuredAt;

  BlobInventory(BlobLayout layout) {
    this.layout = layout;
  }

  /** Every complete blob on this disk, in no particular order. */
  List<BlobStore.StoredBlob> list() throws IOException {
    List<BlobStore.StoredBlob> out = new ArrayList<>();
    forEach(out::add);
    return out;
  }

  /**
   * Hands every complete blob to {@code visit} as the disk is walked: a million blobs in constant
   * memory. A blob or directory removed while the walk goes on (collected, wiped) is passed over:
   * it is no longer here, and the rest of the listing still is.
   */
  void forEach(BlobStore.BlobVisitor visit) throws IOException {
    Files.walkFileTree(layout.completeDir(), new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        String name = file.getFileName().toString();
        if (attributes.isRegularFile() && !name.endsWith(".link")) {
          visit.accept(new BlobStore.StoredBlob(BlobId.of(name), attributes.size(), attributes.lastModifiedTime().toInstant()));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Bytes on disk: every distinct content once (the blobs are hard links to it), plus partial
   * blobs. Walked at most every 10 s, unless {@link #changed()}.
   */
  long spaceUsed() {
    if (System.nanoTime() - spaceMeasuredAt < SPACE_MEASURED_EVERY_NANOS && spaceMeasuredAt != 0) {
      return space;
    }
    long total = 0;
    for (Path dir : List.of(layout.contentDir(), layout.partialDir())) {
      try (var files = Files.walk(dir)) {
        total += files.filter(Files::isRegularFile).mapToLong(BlobInventory::sizeOrZero).sum();
      } catch (IOException | UncheckedIOException e) {
        // a file vanished while walking: count what was there
      }
    }
    space = total;
    spaceMeasuredAt = System.nanoTime();
    return total;
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Blobs were added or removed: the next {@link #spaceUsed()} measures again. */
  void changed() {
    spaceMeasuredAt = 0;
  }

  /** Removes every blob, partial blob and shared content: their directories go to the trash, emptied in the background. */
  void removeAll(Trash trash) throws IOException {
    trash.discard(List.of(layout.completeDir(), layout.partialDir(), layout.contentDir()));
    changed();
  }
}
