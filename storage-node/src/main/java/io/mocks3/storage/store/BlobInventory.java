package io.mocks3.storage.store;

import io.mocks3.schemas.BlobId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
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

  /** Hands every complete blob to {@code visit} as the disk is walked: a million blobs in constant memory. */
  void forEach(BlobStore.BlobVisitor visit) throws IOException {
    try (var files = Files.walk(layout.completeDir())) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".link")) {
          continue;
        }
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          continue; // deleted while listing
        }
        visit.accept(new BlobStore.StoredBlob(BlobId.of(name), attributes.size(), attributes.lastModifiedTime().toInstant()));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause(); // the walk's own failure (a directory removed under it)
    }
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

  /** Removes every blob, partial blob and shared content. */
  void removeAll() throws IOException {
    for (Path dir : List.of(layout.completeDir(), layout.partialDir(), layout.contentDir())) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
    changed();
  }
}
