package io.mocks3.storage.store;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobChunk;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where blob bytes are written. A blob grows in {@code partial/<id>} (each chunk written at its
 * offset, so a redelivered chunk rewrites the same bytes) and becomes visible in
 * {@code blobs/<2 hex>/<id>} by an atomic rename after fsync. Paths come from {@link BlobId}
 * only, which admits hex and dashes, and are checked to stay under the root.
 *
 * <p>Not thread-safe for writes: one ingest thread owns it. Reads may run concurrently.
 */
public final class BlobStore {
  private final Path root;
  private final Path partial;
  private final Path complete;
  private final Map<BlobId, FileChannel> open = new HashMap<>();
  private final FaultAgent faults;

  /** @param faults the disk's injection point (service "storage-disk"); null for none */
  public BlobStore(Path root, FaultAgent faults) {
    this.faults = faults;
    try {
      this.root = root.toAbsolutePath().normalize();
      this.partial = Files.createDirectories(this.root.resolve("partial"));
      this.complete = Files.createDirectories(this.root.resolve("blobs"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create storage root " + root, e);
    }
  }

  /** Writes one chunk. Returns true when this chunk completed the blob (now durable and visible). */
  public boolean write(BlobChunk chunk) throws IOException {
    inject("WriteBlob", chunk.blobId());
    Path target = completePath(chunk.blobId());
    if (Files.exists(target)) {
      return chunk.last();
    }
    FileChannel channel = open.get(chunk.blobId());
    if (channel == null) {
      channel = FileChannel.open(partialPath(chunk.blobId()), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      open.put(chunk.blobId(), channel);
    }
    ByteBuffer bytes = ByteBuffer.wrap(chunk.bytes());
    long position = chunk.offset();
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
    if (!chunk.last()) {
      return false;
    }
    channel.truncate(chunk.totalSize());
    channel.force(true);
    channel.close();
    open.remove(chunk.blobId());
    publish(chunk.blobId(), target);
    return true;
  }

  /** Makes every chunk written so far durable; called before offsets are committed. */
  public void syncPartials() throws IOException {
    for (FileChannel channel : open.values()) {
      channel.force(false);
    }
  }

  public Optional<Long> size(BlobId id) {
    try {
      return Optional.of(Files.size(completePath(id)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens {@code length} bytes of a complete blob from {@code offset}; empty when absent. */
  public Optional<InputStream> read(BlobId id, long offset, long length) throws IOException {
    inject("ReadBlob", id);
    FileChannel channel;
    try {
      channel = FileChannel.open(completePath(id), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    channel.position(offset);
    InputStream whole = Channels.newInputStream(channel);
    return Optional.of(new BoundedInputStream(whole, length));
  }

  /** Where disk faults strike: a slow disk (delay, hang) or a failing one (an error becomes an IOException). */
  private void inject(String operation, BlobId id) throws IOException {
    if (faults == null) {
      return;
    }
    try {
      faults.apply(new FaultTarget("disk", "disk", operation, null, id.value(), null, "disk " + operation + " " + id.value()));
    } catch (InjectedFault e) {
      throw new IOException("injected I/O error (rule " + e.rule().id() + "): " + e.getMessage());
    }
  }

  public Path root() {
    return root;
  }

  private void publish(BlobId id, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      Files.move(partialPath(id), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partialPath(id), target, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  private Path partialPath(BlobId id) {
    return underRoot(partial.resolve(id.value()));
  }

  private Path completePath(BlobId id) {
    return underRoot(complete.resolve(id.value().substring(0, 2)).resolve(id.value()));
  }

  private Path underRoot(Path path) {
    Path normal = path.normalize();
    if (!normal.startsWith(root)) {
      throw new IllegalArgumentException("path escapes the storage root: " + path);
    }
    return normal;
  }
}
