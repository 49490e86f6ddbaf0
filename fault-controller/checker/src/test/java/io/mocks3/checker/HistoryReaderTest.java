package io.mocks3.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.history.HistoryRecord;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryReaderTest {

  private static final String PUT_INVOKE = """
      {"index": 0, "time": 100, "process": "p3", "type": "invoke", "f": "put", "key": "photos/cat.jpg", \
      "bucket": "b1", "value": {"sha256": "ab12"}, "extra": "ignored"}""";
  private static final String PUT_OK = """
      {"index": 1, "time": 250, "process": "p3", "type": "ok", "f": "put", "key": "photos/cat.jpg", \
      "bucket": "b1", "value": {"etag": "\\"9b2\\"", "version_id": "v1"}, "status": 200, "request_id": "r1"}""";

  @Test
  void givenInvokeAndOk_WhenRead_ThenFoldedIntoOneOpWithMergedValue() throws IOException {
    List<Op> ops = HistoryReader.read(new StringReader(PUT_INVOKE + "\n\n" + PUT_OK + "\n"));

    assertThat(ops).singleElement().satisfies(op -> {
      assertThat(op.type()).isEqualTo(Op.Type.OK);
      assertThat(op.f()).isEqualTo(Op.F.PUT);
      assertThat(op.invokeNanos()).isEqualTo(100);
      assertThat(op.completeNanos()).isEqualTo(250);
      assertThat(op.invokeIndex()).isZero();
      assertThat(op.index()).isEqualTo(1);
      assertThat(op.value()).isEqualTo(new Value("\"9b2\"", "v1", "ab12"));
      assertThat(op.registerKey()).isEqualTo("b1/photos/cat.jpg");
      assertThat(op.requestId()).isEqualTo("r1");
    });
  }

  @Test
  void givenInvokeWithoutCompletion_WhenRead_ThenInfoThatNeverCompletes() throws IOException {
    List<Op> ops = HistoryReader.read(new StringReader(PUT_INVOKE));

    assertThat(ops).singleElement().satisfies(op -> {
      assertThat(op.type()).isEqualTo(Op.Type.INFO);
      assertThat(op.completeNanos()).isEqualTo(Long.MAX_VALUE);
    });
  }

  @Test
  void givenLineWithoutProcess_WhenRead_ThenRejectedNamingLineAndField() {
    String bad = """
        {"index": 1, "time": 250, "type": "ok", "f": "put", "key": "k"}""";

    assertThatThrownBy(() -> HistoryReader.read(new StringReader(PUT_INVOKE + "\n" + bad)))
        .isInstanceOfSatisfying(HistoryFormatException.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.field()).isEqualTo("process");
        })
        .hasMessageContaining("line 2");
  }

  @Test
  void givenUnknownTypeOrBrokenJson_WhenRead_ThenRejectedNamingLineAndField() {
    String badType = PUT_INVOKE.replace("\"invoke\"", "\"started\"");

    assertThatThrownBy(() -> HistoryReader.read(new StringReader(badType)))
        .isInstanceOfSatisfying(HistoryFormatException.class, e -> assertThat(e.field()).isEqualTo("type"));
    assertThatThrownBy(() -> HistoryReader.read(new StringReader(PUT_INVOKE + "\n{\"index\": 3,")))
        .isInstanceOfSatisfying(HistoryFormatException.class, e -> assertThat(e.line()).isEqualTo(2));
  }

  @Test
  void givenCompletionWithoutInvoke_WhenRead_ThenRejected() {
    assertThatThrownBy(() -> HistoryReader.read(new StringReader(PUT_OK)))
        .isInstanceOfSatisfying(HistoryFormatException.class, e -> assertThat(e.line()).isEqualTo(1));
  }

  @Test
  void givenWrittenRecords_WhenReadBack_ThenSameOps() throws IOException {
    StringWriter out = new StringWriter();
    try (HistoryWriter writer = new HistoryWriter(out)) {
      writer.write(new HistoryRecord(0, 10, "p1", "invoke", "get", null, "k", null, null, null, null, null, "c1",
          null, null));
      writer.write(new HistoryRecord(1, 20, "p1", "ok", "get", null, "k", null, null, null, 404, "r1", null,
          "NoSuchKey", null));
    }

    assertThat(out.toString()).contains("\"request_id\":\"r1\"").contains("\"command_id\":\"c1\"")
        .doesNotContain("null");
    assertThat(HistoryReader.read(new StringReader(out.toString()))).singleElement().satisfies(op -> {
      assertThat(op.f()).isEqualTo(Op.F.GET);
      assertThat(op.value()).isNull();
      assertThat(op.status()).isEqualTo(404);
      assertThat(op.commandId()).isEqualTo("c1");
    });
  }

  @Test
  void givenRecordWithEveryField_WhenWritten_ThenDocumentedSnakeCaseNamesAndReadBackEqual() throws IOException {
    HistoryRecord record = new HistoryRecord(7, 1733212800123456789L, "p3", "ok", "list", "b1", "photos/cat.jpg",
        new HistoryRecord.Value("\"9b2\"", "v1", "ab12"), List.of("photos/a", "photos/b"), "photos/", 200, "r1",
        "c1", "SlowDown", "gw-1");
    StringWriter out = new StringWriter();
    new HistoryWriter(out).write(record);

    JsonNode line = Json.mapper().readTree(out.toString());
    assertThat(line.propertyNames()).containsExactlyInAnyOrder("index", "time", "process", "type", "f",
        "bucket", "key", "value", "listed", "prefix", "status", "request_id", "command_id", "error", "gateway");
    assertThat(line.get("value").propertyNames()).containsExactlyInAnyOrder("etag", "version_id",
        "sha256");
    assertThat(line.get("time").asLong()).isEqualTo(1733212800123456789L);
    assertThat(Json.mapper().readValue(out.toString(), HistoryRecord.class)).isEqualTo(record);
  }

  @Test
  void givenLineWithUnknownFields_WhenParsed_ThenTheyAreIgnored() throws IOException {
    HistoryRecord record = Json.mapper().readValue(PUT_OK.replace("\"status\"", "\"retries\": 2, \"status\""),
        HistoryRecord.class);

    assertThat(record.value()).isEqualTo(new HistoryRecord.Value("\"9b2\"", "v1", null));
    assertThat(record.requestId()).isEqualTo("r1");
    assertThat(record.status()).isEqualTo(200);
  }
}
