package io.mocks3.storage.store;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobChunk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's disk, as the ingester, the HTTP edge and the blob tasks use it. Each concern is a piece
 * of its own: where files are ({@link BlobLayout}), writing and publishing ({@link BlobWriter}),
 * reading ({@link BlobReader}), what is stored ({@link BlobInventory}), shared content
 * ({@link ContentLinks}), the log position ({@link DiskCheckpoint}) and disk faults
 * ({@link DiskFaults}).
 *
 * <p>Not thread-safe for writes: one ingest thread owns them. Reads may run concurrently; deletes,
 * imports and wipes are serialised.
 */
public final class BlobStore {
  private final BlobLayout layout;
  private final ContentLinks links;
  private final DiskFaults faults;
  private final BlobWriter writer;
  private final BlobReader reader;
  private final BlobInventory inventory;
  private final DiskCheckpoint checkpoint;
  private final Trash trash;

  /** @param faults the disk's injection point (service "storage-disk"); null for none */
  public BlobStore(Path root, FaultAgent faults) {
    this.layout = BlobLayout.under(root);
    this.links = new ContentLinks(layout);
    this.faults = new DiskFaults(faults, layout);
    this.writer = new BlobWriter(layout, links, this.faults);
    this.reader = new BlobReader(layout, this.faults);
    this.inventory = new BlobInventory(layout);
    this.checkpoint = new DiskCheckpoint(layout);
    this.trash = new Trash(layout);
  }

  /** One complete blob as this disk holds it. */
  public record StoredBlob(BlobId id, long size, Instant modified) {}

  /**
   * Writes one chunk. Returns true when this chunk completed the blob, which is durable and
   * visible once {@link #sync} returns.
   * Chunks are written in order: one whose offset lies past what this node holds of its blob is
   * refused, so a blob with a missing chunk is never published with a hole in it.
   */
  public boolean write(BlobChunk chunk) throws IOException {
    return writer.write(chunk);
  }

  /**
   * Makes every chunk written so far durable and publishes the blobs they completed (see {@link
   * BlobWriter}); called once per batch, before blobs are acknowledged and offsets committed.
   */
  public void sync() throws IOException {
    writer.sync();
  }

  public Optional<Long> size(BlobId id) {
    return reader.size(id);
  }

  /** Opens {@code length} bytes of a complete blob from {@code offset}; empty when absent. */
  public Optional<InputStream> read(BlobId id, long offset, long length) throws IOException {
    return reader.read(id, offset, length);
  }

  /** Hex MD5 of a complete blob's bytes, read from disk now; empty when absent. */
  public Optional<String> md5(BlobId id) throws IOException {
    return reader.md5(id);
  }

  /** Bytes on disk: every distinct content once, plus partial blobs; measured at most every 10 s. */
  public synchronized long spaceUsed() {
    return inventory.spaceUsed();
  }

  /** Every complete blob on this disk, in no particular order. */
  public List<StoredBlob> list() throws IOException {
    return inventory.list();
  }

  /** What {@link #forEach} hands each blob to. */
  @FunctionalInterface
  public interface BlobVisitor {
    void accept(StoredBlob blob) throws IOException;
  }

  /** Every complete blob on this disk, in no particular order, one at a time (a disk of any size, in constant memory). */
  public void forEach(BlobVisitor visit) throws IOException {
    inventory.forEach(visit);
  }

  public Path root() {
    return layout.root();
  }

  /**
   * Removes a complete blob (garbage collection). Its bytes go with it when no other blob shares
   * them. The disk's fault point sees it as {@code DeleteBlob}: an injected error fails it with an
   * I/O error and nothing is removed. False when the blob was not here.
   */
  public synchronized boolean delete(BlobId id) throws IOException {
    faults.inject("DeleteBlob", id);
    Path blob = layout.complete(id);
    if (!Files.exists(blob)) {
      return false;
    }
    links.remove(blob);
    inventory.changed();
    return true;
  }

  /**
   * Stores a whole blob from elsewhere (a peer, when this node lost it): written beside the
   * others, fsync'd, checked against {@code size} and {@code md5Hex} (when given), then published
   * by the same atomic rename as an ingested blob. A blob already here is left as it is.
   */
  public synchronized void importBlob(BlobId id, InputStream bytes, long size, String md5Hex) throws IOException {
    writer.importBlob(id, bytes, size, md5Hex);
    inventory.changed();
  }

  /**
   * Forgets everything: the log position first (a crash part-way rebuilds from the start of the
   * log), then blobs, partial blobs and shared content, so the node rebuilds its disk from the log.
   * Their files are deleted in the background (see {@link Trash}). Called by the thread that owns writes.
   */
  public synchronized void wipe() throws IOException {
    writer.closePartials();
    checkpoint.forget();
    inventory.removeAll(trash);
  }

  /** See {@link DiskCheckpoint}: the next offset to consume of each partition, as of the last durable batch. */
  public Map<Integer, Long> checkpoint() throws IOException {
    return checkpoint.read();
  }

  /** Records the log position after a durable batch (written aside, fsync'd, renamed into place). */
  public void saveCheckpoint(Map<Integer, Long> positions) throws IOException {
    checkpoint.save(positions);
  }

  /** The content entry of bytes with this SHA-256 (hex), for tests and repair tools. */
  public Path contentPath(String sha256Hex) {
    return layout.content(sha256Hex);
  }
}
