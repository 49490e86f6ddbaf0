package io.mocks3.faults.agent.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes {@code write_rate_mb} per second to a scratch file (fsync'd each tick), wrapping around
 * at the configured size cap so the disk never fills; stopping deletes the file.
 */
final class DiskIo implements Scenario {
  private static final int BLOCK = 1 << 20;
  private final double rateMb;
  private final long capBytes;
  private final Path file;
  private final FileChannel channel;
  private final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
  private final ScheduledExecutorService ticker =
      Daemons.ticker("mocks3-disk-io");
  private double owed;
  private long position;
  private volatile long written;
  private volatile String error;

  DiskIo(Params params, long capMb, Path dir) throws IOException {
    this.rateMb = params.number("write_rate_mb", 10, 0.1, 1024);
    this.capBytes = capMb * BLOCK;
    Files.createDirectories(dir);
    this.file = Files.createTempFile(dir, "mocks3-disk-io-", ".bin");
    this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
    while (block.hasRemaining()) {
      block.put((byte) 0x5a);
    }
    ticker.scheduleAtFixedRate(this::write, 0, 100, TimeUnit.MILLISECONDS);
  }

  private void write() {
    owed += rateMb / 10;
    try {
      while (owed >= 1) {
        if (position + BLOCK > capBytes) {
          position = 0;
        }
        block.rewind();
        while (block.hasRemaining()) {
          position += channel.write(block, position);
        }
        written += BLOCK;
        owed -= 1;
      }
      channel.force(false);
    } catch (IOException e) {
      error = e.toString();
    }
  }

  @Override
  public Map<String, Object> metrics() {
    return error == null
        ? Map.of("written_mb", written / BLOCK, "write_rate_mb", rateMb, "file", file.toString())
        : Map.of("written_mb", written / BLOCK, "write_rate_mb", rateMb, "file", file.toString(), "error", error);
  }

  @Override
  public void stop() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(2, TimeUnit.SECONDS);
      channel.close();
      Files.deleteIfExists(file);
    } catch (IOException | InterruptedException e) {
      error = e.toString();
    }
  }
}
