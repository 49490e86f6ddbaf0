package io.mocks3.storage.store;

import io.mocks3.schemas.BlobId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a node's files are, all under one root: a blob grows in {@code partial/<id>}, is served
 * from {@code blobs/<2 hex>/<id>}, shares its bytes through {@code content/<2 hex>/<sha-256>}, and
 * the disk's log position is {@code checkpoint}. Paths come from {@link BlobId} only, which admits
 * hex and dashes, and are checked to stay under the root.
 */
record BlobLayout(Path root, Path partialDir, Path completeDir, Path contentDir) {

  /** The layout under {@code root}, its directories created. */
  static BlobLayout under(Path root) {
    try {
      Path normal = root.toAbsolutePath().normalize();
      return new BlobLayout(normal, Files.createDirectories(normal.resolve("partial")),
          Files.createDirectories(normal.resolve("blobs")), Files.createDirectories(normal.resolve("content")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create storage root " + root, e);
    }
  }

  Path partial(BlobId id) {
    return underRoot(partialDir.resolve(id.value()));
  }

  /** Where a whole blob from elsewhere is written before it is published. */
  Path incoming(BlobId id) {
    return underRoot(partialDir.resolve(id.value() + ".import"));
  }

  Path complete(BlobId id) {
    return underRoot(completeDir.resolve(id.value().substring(0, 2)).resolve(id.value()));
  }

  Path content(String sha256Hex) {
    return underRoot(contentDir.resolve(sha256Hex.substring(0, 2)).resolve(sha256Hex));
  }

  Path checkpoint() {
    return root.resolve("checkpoint");
  }

  /** A file operation that makes {@code target}. */
  @FunctionalInterface
  interface Making {
    void make(Path target) throws IOException;
  }

  /**
   * Makes {@code target} (a rename or link into a shard directory), making its directory first
   * only when the operation finds it missing: asking for it every time cost two syscalls a blob.
   */
  static void intoDirectory(Path target, Making making) throws IOException {
    try {
      making.make(target);
    } catch (NoSuchFileException e) {
      Files.createDirectories(target.getParent());
      making.make(target);
    }
  }

  private Path underRoot(Path path) {
    Path normal = path.normalize();
    if (!normal.startsWith(root)) {
      throw new IllegalArgumentException("path escapes the storage root: " + path);
    }
    return normal;
  }
}
