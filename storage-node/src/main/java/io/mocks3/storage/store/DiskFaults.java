package io.mocks3.storage.store;

import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.fault.FaultRule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where disk faults strike (service {@code storage-disk}): a slow disk (delay, hang), a failing one
 * (an error becomes an IOException), a full one (disk_full: writes fail with ENOSPC, reads go on)
 * or bit rot (bit_rot: before a read, one byte of the stored file flips for good, as decaying media
 * do; every blob sharing those bytes by content addressing rots with it, until repaired from the
 * peer) or a partial write (partial_write: half a chunk reaches the disk before the write fails;
 * returned for the writer to act on).
 */
final class DiskFaults {
  static final String PARTIAL_WRITE = "partial_write";
  private final FaultAgent faults;
  private final BlobLayout layout;

  /** @param faults the disk's injection point; null for none */
  DiskFaults(FaultAgent faults, BlobLayout layout) {
    this.faults = faults;
    this.layout = layout;
  }

  /** Applies the rules on {@code operation} of blob {@code id}; the action that fired, null when none did. */
  String inject(String operation, BlobId id) throws IOException {
    if (faults == null || !faults.armed()) {
      return null;
    }
    Optional<FaultRule> fired;
    try {
      fired = faults.apply(new FaultTarget("disk", "disk", operation, null, id.value(), null, "disk " + operation + " " + id.value()));
    } catch (InjectedFault e) {
      throw new IOException("injected I/O error (rule " + e.rule().id() + "): " + e.getMessage());
    }
    if (fired.isEmpty()) {
      return null;
    }
    String action = fired.get().action().type();
    if (action.equals("disk_full") && operation.equals("WriteBlob")) {
      throw new IOException("No space left on device (injected, rule " + fired.get().id() + ")");
    }
    if (action.equals("bit_rot") && operation.equals("ReadBlob")) {
      rot(layout.complete(id));
    }
    return action;
  }

  /** Flips every bit of one byte of {@code file}, at a random position; a missing or empty file is left alone. */
  private static void rot(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (size == 0) {
        return;
      }
      long position = ThreadLocalRandom.current().nextLong(size);
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position);
      one.put(0, (byte) ~one.get(0)).rewind();
      channel.write(one, position);
      channel.force(false);
    } catch (NoSuchFileException e) {
      // nothing stored to rot
    }
  }
}
