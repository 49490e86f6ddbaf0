package io.mocks3.checker;

import io.mocks3.schemas.history.HistoryRecord;
import io.mocks3.schemas.history.HistoryRecord.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Simulates real registers (a key-value store that is linearizable by construction) under random concurrency:
 * each step advances one random process through invoke, take effect (the linearization point), complete. Some
 * operations end unknown (info), applied or not; some fail, never applied.
 */
final class RandomRegisterHistory {

  private final Random random;
  private final int keys;
  private final Map<String, String> store = new TreeMap<>();
  private final List<HistoryRecord> events = new ArrayList<>();
  private long clock;
  private int nextValue;

  RandomRegisterHistory(long seed, int keys) {
    this.random = new Random(seed);
    this.keys = keys;
  }

  List<HistoryRecord> generate(int processes, int operations) {
    Pending[] pending = new Pending[processes];
    int invoked = 0;
    while (invoked < operations || java.util.Arrays.stream(pending).anyMatch(p -> p != null)) {
      int p = random.nextInt(processes);
      if (pending[p] == null) {
        if (invoked < operations) {
          pending[p] = invoke("p" + p);
          invoked++;
        }
      } else if (!pending[p].applied) {
        pending[p].apply();
      } else {
        complete(pending[p]);
        pending[p] = null;
      }
    }
    return events;
  }

  private Pending invoke(String process) {
    String key = "dir" + random.nextInt(10) + "/key" + random.nextInt(keys);
    int dice = random.nextInt(100);
    String f = dice < 40 ? "put" : dice < 85 ? "get" : dice < 92 ? "head" : dice < 99 ? "delete" : "list";
    Value value = "put".equals(f) ? new Value(null, null, "sha-" + nextValue++) : null;
    String prefix = "list".equals(f) ? key.substring(0, key.indexOf('/') + 1) : null;
    Pending op = new Pending(process, f, "list".equals(f) ? null : key, value, prefix);
    events.add(new HistoryRecord(events.size(), ++clock, process, "invoke", f, null, op.key, value, null, prefix,
        null, null, null, null, null));
    return op;
  }

  private void complete(Pending op) {
    int dice = random.nextInt(100);
    String type;
    if (!op.effective) {
      type = dice < 50 ? "info" : "fail";
    } else {
      type = op.f.equals("put") && dice < 3 ? "info" : "ok";
    }
    Value seen = op.f.equals("get") || op.f.equals("head") ? op.read : op.value;
    events.add(new HistoryRecord(events.size(), ++clock, op.process, type, op.f, null, op.key, seen, op.listed,
        op.prefix, seen == null && op.key != null && !op.f.equals("delete") ? 404 : 200, null, null, null, null));
  }

  private final class Pending {
    final String process;
    final String f;
    final String key;
    final Value value;
    final String prefix;
    boolean applied;
    boolean effective;
    Value read;
    List<String> listed;

    Pending(String process, String f, String key, Value value, String prefix) {
      this.process = process;
      this.f = f;
      this.key = key;
      this.value = value;
      this.prefix = prefix;
    }

    void apply() {
      applied = true;
      clock++;
      // A put may silently not take effect; it then completes as fail or info, never ok.
      effective = !f.equals("put") || random.nextInt(100) >= 2;
      switch (f) {
        case "put" -> {
          if (effective) {
            store.put(key, value.sha256());
          }
        }
        case "delete" -> store.remove(key);
        case "list" -> listed = store.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        default -> read = store.containsKey(key) ? new Value(null, null, store.get(key)) : null;
      }
    }
  }
}
