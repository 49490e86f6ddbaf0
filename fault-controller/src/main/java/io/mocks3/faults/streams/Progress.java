package io.mocks3.faults.streams;

import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * How far the dead letters of one DLQ partition were handled (re-driven, discarded or purged):
 * every record below {@code next}, and the records at {@code done} above it (re-driven one by one,
 * out of order). Kept as the committed offset of group {@code mocks3-redrive}, the out-of-order
 * offsets in its metadata ({@code done=12,15}).
 */
record Progress(long next, SortedSet<Long> done) {
  private static final String DONE = "done=";

  Progress {
    done = new TreeSet<>(done.tailSet(next));
  }

  static Progress of(OffsetAndMetadata committed, long start) {
    if (committed == null) {
      return new Progress(start, new TreeSet<>());
    }
    String metadata = committed.metadata() == null ? "" : committed.metadata();
    SortedSet<Long> done = metadata.startsWith(DONE) && metadata.length() > DONE.length()
        ? Arrays.stream(metadata.substring(DONE.length()).split(",")).map(Long::valueOf)
            .collect(Collectors.toCollection(TreeSet::new))
        : new TreeSet<>();
    return new Progress(committed.offset(), done);
  }

  boolean waiting(long offset) {
    return offset >= next && !done.contains(offset);
  }

  /** With the record at {@code offset} handled too. */
  Progress handled(long offset) {
    SortedSet<Long> more = new TreeSet<>(done);
    more.add(offset);
    long first = next;
    while (more.contains(first)) {
      first++;
    }
    return new Progress(first, more);
  }

  /** With every record below {@code offset} handled. */
  Progress reached(long offset) {
    return new Progress(Math.max(next, offset), done);
  }

  OffsetAndMetadata committed() {
    return new OffsetAndMetadata(next, done.isEmpty() ? "" : DONE + done.stream().map(String::valueOf).collect(Collectors.joining(",")));
  }
}
