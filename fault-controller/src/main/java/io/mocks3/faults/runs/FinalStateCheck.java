package io.mocks3.faults.runs;

import io.mocks3.checker.Op;
import io.mocks3.faults.runs.RunEvidence.FinalObject;
import io.mocks3.faults.runs.RunReport.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The state after settling, against what the acknowledged history allows: a key must hold one of
 * its last acknowledged writes (those no other acknowledged write followed), or what a write of
 * unknown outcome put there.
 */
final class FinalStateCheck {
  private FinalStateCheck() {}

  static RunReport.FinalState check(List<Op> ops, Map<String, FinalObject> actual) {
    Map<String, List<Op>> writes = new LinkedHashMap<>();
    ops.stream().filter(Op::isWrite).forEach(op -> writes.computeIfAbsent(op.registerKey(), k -> new ArrayList<>()).add(op));
    List<Finding> missing = new ArrayList<>();
    List<Finding> mismatched = new ArrayList<>();
    List<Finding> resurrected = new ArrayList<>();
    List<Finding> materialized = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, List<Op>> entry : writes.entrySet()) {
      FinalObject object = actual.get(entry.getKey());
      if (object == null) {
        continue;
      }
      checked++;
      List<Op> acked = entry.getValue().stream().filter(Op::isOk).toList();
      List<Op> last = acked.stream().filter(a -> acked.stream().noneMatch(a::precedes)).toList();
      List<Op> unknown = entry.getValue().stream().filter(op -> op.type() == Op.Type.INFO).toList();
      String expected = describe(last);
      if (!object.exists()) {
        boolean allowed = acked.isEmpty() || last.stream().anyMatch(op -> op.f() == Op.F.DELETE) || !unknown.isEmpty();
        if (!allowed) {
          missing.add(new Finding(object.bucket(), object.key(), expected, "absent",
              "an acknowledged write is the key's last, but the key does not exist"));
        }
        continue;
      }
      Op writer = entry.getValue().stream().filter(op -> op.f() == Op.F.PUT && sameObject(op, object)).reduce((a, b) -> b)
          .orElse(null);
      String got = object.etag() + (object.versionId() == null ? "" : " version " + object.versionId());
      if (writer != null && last.contains(writer)) {
        continue;
      }
      if (writer != null && !writer.isOk()) {
        materialized.add(new Finding(object.bucket(), object.key(), expected, got,
            "a write whose outcome the client did not learn (status " + writer.status() + ") is the object now"));
      } else if (!last.isEmpty() && last.stream().allMatch(op -> op.f() == Op.F.DELETE)) {
        resurrected.add(new Finding(object.bucket(), object.key(), "absent", got,
            "the key's last acknowledged write deleted it, yet it exists"));
      } else if (!last.isEmpty()) {
        mismatched.add(new Finding(object.bucket(), object.key(), expected, got, writer != null
            ? "an older acknowledged write is the object: a newer one was lost or overtaken"
            : "the object holds content no write of the run wrote"));
      }
    }
    return new RunReport.FinalState(checked, missing, mismatched, resurrected, materialized);
  }

  private static boolean sameObject(Op op, FinalObject object) {
    if (op.value() == null || op.value().etag() == null) {
      return false;
    }
    boolean sameVersion = op.value().versionId() == null || object.versionId() == null
        || Objects.equals(op.value().versionId(), object.versionId());
    return unquoted(op.value().etag()).equals(unquoted(object.etag())) && sameVersion;
  }

  private static String unquoted(String etag) {
    return etag == null ? "" : etag.replace("\"", "");
  }

  private static String describe(List<Op> last) {
    return last.isEmpty() ? "any" : String.join(" or ", last.stream()
        .map(op -> op.f() == Op.F.DELETE ? "absent" : op.value() == null ? "?" : String.valueOf(op.value().etag())).toList());
  }
}
