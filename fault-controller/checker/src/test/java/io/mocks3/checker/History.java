package io.mocks3.checker;

import io.mocks3.schemas.history.HistoryRecord;
import io.mocks3.schemas.history.HistoryRecord.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Hand-built histories for tests. Times double as history indexes, so a folded op's invokeIndex is its invoke
 * time; a value name "A" is written with sha256 "A" and ETag "e-A"; a null value read means absent.
 */
final class History {

  private final List<HistoryRecord> events = new ArrayList<>();

  History put(String process, String key, String value, long invoke, long complete) {
    return op(process, "put", key, value, invoke, complete, HistoryRecord.OK);
  }

  History get(String process, String key, String value, long invoke, long complete) {
    return op(process, "get", key, value, invoke, complete, HistoryRecord.OK);
  }

  History delete(String process, String key, long invoke, long complete) {
    return op(process, "delete", key, null, invoke, complete, HistoryRecord.OK);
  }

  History op(String process, String f, String key, String value, long invoke, long complete, String type) {
    Value v = value == null ? null : new Value("\"e-" + value + "\"", null, value);
    Value written = "put".equals(f) ? v : null;
    events.add(new HistoryRecord(invoke, invoke, process, HistoryRecord.INVOKE, f, null, key, written, null, null,
        null, null, null, null, null));
    events.add(new HistoryRecord(complete, complete, process, type, f, null, key, v, null, null,
        value == null && !"delete".equals(f) ? 404 : 200, null, null, null, null));
    return this;
  }

  History list(String process, String prefix, long invoke, long complete, String... listed) {
    events.add(new HistoryRecord(invoke, invoke, process, HistoryRecord.INVOKE, "list", null, null, null, null, prefix,
        null, null, null, null, null));
    events.add(new HistoryRecord(complete, complete, process, HistoryRecord.OK, "list", null, null, null,
        Arrays.asList(listed), prefix, 200, null, null, null, null));
    return this;
  }

  List<Op> ops() {
    return HistoryReader.fold(events.stream().sorted(Comparator.comparingLong(HistoryRecord::index)).toList());
  }

  CheckReport check() {
    return HistoryChecker.check(ops());
  }

  static List<Long> invokeIndexes(Anomaly anomaly) {
    return anomaly.witness().stream().map(Op::invokeIndex).toList();
  }
}
