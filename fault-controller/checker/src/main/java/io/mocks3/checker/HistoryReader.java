package io.mocks3.checker;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.history.HistoryRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads history.jsonl ({@link HistoryRecord} lines) and folds each invoke with its completion into one {@link Op}.
 * A line that cannot be used raises {@link HistoryFormatException} naming its line number and field.
 */
public final class HistoryReader {

  private static final Set<String> TYPES = Set.of(HistoryRecord.INVOKE, HistoryRecord.OK, HistoryRecord.FAIL,
      HistoryRecord.INFO);
  private static final Set<String> FUNCTIONS = Set.of("put", "get", "head", "delete", "list");

  private HistoryReader() {
  }

  public static List<Op> read(Path jsonl) throws IOException {
    try (Reader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      return read(reader);
    }
  }

  public static List<Op> read(Reader r) throws IOException {
    List<HistoryRecord> records = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    BufferedReader reader = r instanceof BufferedReader b ? b : new BufferedReader(r);
    long lineNumber = 0;
    long lastIndex = Long.MIN_VALUE;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      HistoryRecord record = parse(line, lineNumber);
      if (record.index() <= lastIndex) {
        throw new HistoryFormatException(lineNumber, "index", "must increase, got " + record.index()
            + " after " + lastIndex);
      }
      lastIndex = record.index();
      records.add(record);
      lines.add(lineNumber);
    }
    return fold(records, lines::get);
  }

  /** Folds history lines (in history order) into operations ordered by invoke; positions are named 1-based. */
  public static List<Op> fold(List<HistoryRecord> records) {
    return fold(records, position -> (long) position + 1);
  }

  private static List<Op> fold(List<HistoryRecord> records, LineNumbers lines) {
    Map<String, HistoryRecord> pending = new HashMap<>();
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      HistoryRecord record = records.get(i);
      if (HistoryRecord.INVOKE.equals(record.type())) {
        HistoryRecord abandoned = pending.put(record.process(), record);
        if (abandoned != null) {
          ops.add(unknownOutcome(abandoned));
        }
        continue;
      }
      HistoryRecord invoke = pending.remove(record.process());
      if (invoke == null) {
        throw new HistoryFormatException(lines.of(i), "type", "'" + record.type() + "' of process "
            + record.process() + " without an invoke before it");
      }
      ops.add(folded(invoke, record));
    }
    pending.values().forEach(invoke -> ops.add(unknownOutcome(invoke)));
    ops.sort(Comparator.comparingLong(Op::invokeIndex));
    return ops;
  }

  private static Op folded(HistoryRecord invoke, HistoryRecord completion) {
    Op.Type type = Op.Type.valueOf(completion.type().toUpperCase(Locale.ROOT));
    Op.F f = function(invoke);
    Value value = f == Op.F.PUT ? merged(valueOf(invoke), valueOf(completion)) : valueOf(completion);
    long completeNanos = type == Op.Type.INFO ? Long.MAX_VALUE : completion.time();
    return new Op(completion.index(), invoke.time(), completeNanos, invoke.process(), type, f,
        either(invoke.bucket(), completion.bucket()), either(invoke.key(), completion.key()), value,
        completion.listed(), either(invoke.prefix(), completion.prefix()),
        completion.status() != null ? completion.status() : invoke.status(),
        either(completion.requestId(), invoke.requestId()), either(completion.commandId(), invoke.commandId()),
        invoke.index());
  }

  private static Op unknownOutcome(HistoryRecord invoke) {
    return new Op(invoke.index(), invoke.time(), Long.MAX_VALUE, invoke.process(), Op.Type.INFO, function(invoke),
        invoke.bucket(), invoke.key(), valueOf(invoke), null, invoke.prefix(), invoke.status(), invoke.requestId(),
        invoke.commandId(), invoke.index());
  }

  private static Op.F function(HistoryRecord record) {
    return Op.F.valueOf(record.f().toUpperCase(Locale.ROOT));
  }

  /** The one place a line's value becomes the checker's {@link Value}, which knows when two are the same write. */
  private static Value valueOf(HistoryRecord record) {
    HistoryRecord.Value v = record.value();
    return v == null ? null : new Value(v.etag(), v.versionId(), v.sha256());
  }

  private static Value merged(Value invoked, Value completed) {
    return invoked == null ? completed : invoked.mergedWith(completed);
  }

  private static <T> T either(T first, T second) {
    return first != null ? first : second;
  }

  private static HistoryRecord parse(String line, long lineNumber) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(line);
    } catch (JacksonException e) {
      throw new HistoryFormatException(lineNumber, "(line)", "not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new HistoryFormatException(lineNumber, "(line)", "not a JSON object");
    }
    requireNumber(node, "index", lineNumber);
    requireNumber(node, "time", lineNumber);
    requireText(node, "process", lineNumber);
    requireOneOf(node, "type", TYPES, lineNumber);
    requireOneOf(node, "f", FUNCTIONS, lineNumber);
    if (HistoryRecord.INVOKE.equals(node.get("type").asString()) && !"list".equals(node.get("f").asString())) {
      requireText(node, "key", lineNumber);
    }
    requireShape(node, "value", JsonNode::isObject, "an object or null", lineNumber);
    requireShape(node, "listed", JsonNode::isArray, "an array of keys", lineNumber);
    try {
      return Json.mapper().treeToValue(node, HistoryRecord.class);
    } catch (JacksonException e) {
      String field = e.getPath().isEmpty() ? "(line)" : e.getPath().get(0).getPropertyName();
      throw new HistoryFormatException(lineNumber, field, e.getOriginalMessage());
    }
  }

  private static void requireNumber(JsonNode node, String field, long line) {
    if (!node.path(field).isIntegralNumber()) {
      throw new HistoryFormatException(line, field, "required integer, got " + describe(node.get(field)));
    }
  }

  private static void requireText(JsonNode node, String field, long line) {
    if (!node.path(field).isString() || node.get(field).asString().isEmpty()) {
      throw new HistoryFormatException(line, field, "required string, got " + describe(node.get(field)));
    }
  }

  private static void requireOneOf(JsonNode node, String field, Set<String> allowed, long line) {
    requireText(node, field, line);
    if (!allowed.contains(node.get(field).asString())) {
      throw new HistoryFormatException(line, field, "must be one of " + allowed + ", got "
          + node.get(field));
    }
  }

  private static void requireShape(JsonNode node, String field, java.util.function.Predicate<JsonNode> shape,
      String expected, long line) {
    JsonNode value = node.get(field);
    if (value != null && !value.isNull() && !shape.test(value)) {
      throw new HistoryFormatException(line, field, "must be " + expected + ", got " + value);
    }
  }

  private static String describe(JsonNode value) {
    return value == null ? "nothing" : value.toString();
  }

  @FunctionalInterface
  private interface LineNumbers {
    long of(int position);
  }
}
