package io.mocks3.projector.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Puts a side that cannot be read in id order (a state store keyed otherwise, a Redis scan, a
 * node's listing) into order with memory bounded by {@code chunkLines}, whatever the side's size:
 * full chunks are sorted and written to temporary files, which are merged when read. Equal ids
 * keep the order they were added in, so the last one added counts. {@link #sorted()} can be read
 * any number of times. A chunk's file is unlinked as soon as it is created and read through its
 * open channel, so its space goes back to the disk when the sorter is closed or the process dies,
 * however it dies.
 */
final class LineSorter implements AutoCloseable {
  static final int CHUNK_LINES = 20_000;
  /** Files merged at once; more chunks than this are first merged into bigger ones. */
  static final int FAN_IN = 32;
  private static final Comparator<Line> BY_ID = Comparator.comparing(Line::id, Line.ID_ORDER);
  private final String side;
  private final int chunkLines;
  private final List<Line> buffer = new ArrayList<>();
  private final List<FileChannel> chunks = new ArrayList<>();

  LineSorter(String side) {
    this(side, CHUNK_LINES);
  }

  LineSorter(String side, int chunkLines) {
    this.side = side;
    this.chunkLines = chunkLines;
  }

  void add(String id, String value) {
    buffer.add(new Line(id, value));
    if (buffer.size() >= chunkLines) {
      spill();
    }
  }

  /** Every line added, in id order, the last of equal ids only. */
  LineCursor sorted() {
    if (chunks.isEmpty()) {
      buffer.sort(BY_ID);
      return LineCursor.of(side, List.copyOf(buffer).iterator());
    }
    if (!buffer.isEmpty()) {
      spill();
    }
    while (chunks.size() > FAN_IN) {
      List<FileChannel> group = new ArrayList<>(chunks.subList(0, FAN_IN));
      FileChannel merged = write(new Merge(group));
      chunks.subList(0, FAN_IN).clear();
      chunks.add(0, merged);
      group.forEach(LineSorter::close);
    }
    Merge merge = new Merge(chunks);
    return new LineCursor.LastPerId(side, merge, merge::close);
  }

  private void spill() {
    buffer.sort(BY_ID);
    chunks.add(write(buffer.iterator()));
    buffer.clear();
  }

  /** Writes the lines to a new unlinked file; the channel it returns is the only way to it. */
  private static FileChannel write(Iterator<Line> lines) {
    try {
      Path file = Files.createTempFile("mocks3-check-", ".lines");
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Files.delete(file);
      try {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
        while (lines.hasNext()) {
          Line line = lines.next();
          writeString(out, line.id());
          writeString(out, line.value());
        }
        out.flush(); // not closed: that would close the channel
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      } finally {
        if (lines instanceof Merge m) {
          m.close();
        }
      }
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill a side of the consistency check to a temporary file", e);
    }
  }

  /** Length-prefixed UTF-8: ids and values may hold any character, newlines too. */
  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
  }

  private static void close(FileChannel chunk) {
    try {
      chunk.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    chunks.forEach(LineSorter::close);
    chunks.clear();
    buffer.clear();
  }

  /** A k-way merge of sorted chunk files; of equal ids, the earlier chunk's line comes first. */
  private static final class Merge implements Iterator<Line>, AutoCloseable {
    private record Head(Line line, int chunk) {}

    private final List<DataInputStream> inputs = new ArrayList<>();
    private final PriorityQueue<Head> heads =
        new PriorityQueue<>(Comparator.comparing(Head::line, BY_ID).thenComparingInt(Head::chunk));

    Merge(List<FileChannel> files) {
      try {
        for (FileChannel file : files) {
          inputs.add(new DataInputStream(new BufferedInputStream(new ReadAt(file), 1 << 16)));
          advance(inputs.size() - 1);
        }
      } catch (IOException e) {
        close();
        throw new UncheckedIOException(e);
      }
    }

    private void advance(int chunk) throws IOException {
      DataInputStream in = inputs.get(chunk);
      try {
        heads.add(new Head(new Line(readString(in), readString(in)), chunk));
      } catch (EOFException end) {
        // this chunk is exhausted
      }
    }

    @Override
    public boolean hasNext() {
      return !heads.isEmpty();
    }

    @Override
    public Line next() {
      Head head = heads.poll();
      if (head == null) {
        throw new NoSuchElementException();
      }
      try {
        advance(head.chunk());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return head.line();
    }

    @Override
    public void close() {
      for (DataInputStream in : inputs) {
        try {
          in.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /**
   * Reads a chunk from its beginning through positional reads, which leave the channel as it is:
   * any number of merges may read the same chunk.
   */
  private static final class ReadAt extends InputStream {
    private final FileChannel channel;
    private long position;

    ReadAt(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = channel.read(ByteBuffer.wrap(b, off, len), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public void close() {
      // The channel belongs to the sorter, which closes it.
    }
  }
}
