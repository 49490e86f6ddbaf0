package io.mocks3.projector.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.data.Json;
import io.debezium.time.ZonedTimestamp;
import io.mocks3.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Debezium's change envelopes (Kafka Connect records, as the engine hands them over) become mocks3.cdc records. */
class ChangeCaptureTest {
  /** The objects table's columns as Debezium describes them: text, bigint, jsonb (Json: a string), timestamptz (a string). */
  private static final Schema ROW = SchemaBuilder.struct().name("mocks3.public.objects.Value")
      .field("bucket", Schema.STRING_SCHEMA).field("key", Schema.STRING_SCHEMA).field("blob_id", Schema.STRING_SCHEMA)
      .field("size", Schema.INT64_SCHEMA).field("etag", Schema.STRING_SCHEMA).field("content_type", Schema.STRING_SCHEMA)
      .field("headers", Json.builder().build()).field("user_metadata", Json.builder().build())
      .field("last_modified", ZonedTimestamp.builder().build()).field("sequence", Schema.INT64_SCHEMA)
      .field("parts", Json.builder().optional().build()).field("tags", Json.builder().build())
      .field("checksums", Json.builder().build()).field("version_id", Schema.OPTIONAL_STRING_SCHEMA).optional().build();
  private static final Schema SOURCE = SchemaBuilder.struct().field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
      .field("ts_ms", Schema.INT64_SCHEMA).field("table", Schema.STRING_SCHEMA).build();
  private static final Schema ENVELOPE = SchemaBuilder.struct().field("before", ROW).field("after", ROW)
      .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();

  private static Struct row(String bucket, String key) {
    return new Struct(ROW).put("bucket", bucket).put("key", key).put("blob_id", "b-1").put("size", 3L).put("etag", "e")
        .put("content_type", "image/jpeg").put("headers", "{}").put("user_metadata", "{\"a\": \"é\"}")
        .put("last_modified", "2026-11-23T10:35:27.682914Z").put("sequence", 2L).put("tags", "{}").put("checksums", "{}");
  }

  private static SourceRecord envelope(String op, Struct before, Struct after) {
    Struct source = new Struct(SOURCE).put("lsn", 22241304L).put("ts_ms", 1795430128045L).put("table", "objects");
    Struct value = new Struct(ENVELOPE).put("before", before).put("after", after).put("source", source).put("op", op)
        .put("ts_ms", 1795430128100L);
    return new SourceRecord(Map.of(), Map.of(), "mocks3.public.objects", ENVELOPE, value);
  }

  private static String header(ProducerRecord<String, String> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void anInsertOrUpdateBecomesTheRowUnderItsKey() {
    for (String op : new String[] {"c", "u", "r"}) {
      ProducerRecord<String, String> r = ChangeCapture.toRecord(envelope(op, null, row("photos", "cat.jpg")));
      assertThat(r.topic()).isEqualTo(Topics.CDC);
      assertThat(r.key()).isEqualTo("objects:photos/cat.jpg");
      assertThat(r.value()).contains("\"blob_id\":\"b-1\"", "\"last_modified\":\"2026-11-23T10:35:27.682914Z\"",
          "\"size\":3", "\"parts\":null");
      assertThat(header(r, ChangeCapture.OP_HEADER)).isEqualTo(op);
      assertThat(header(r, ChangeCapture.LSN_HEADER)).isEqualTo("22241304");
      assertThat(header(r, ChangeCapture.COMMITTED_AT_HEADER)).isEqualTo("1795430128045");
    }
  }

  @Test
  void aDeleteBecomesATombstoneKeyedByTheRowItRemoved() {
    ProducerRecord<String, String> r = ChangeCapture.toRecord(envelope("d", row("photos", "a/b c.txt"), null));
    assertThat(r.key()).isEqualTo("objects:photos/a/b c.txt");
    assertThat(r.value()).isNull();
  }

  @Test
  void whatIsNotARowChangeIsSkipped() {
    assertThat(ChangeCapture.toRecord(null)).isNull();
    assertThat(ChangeCapture.toRecord(envelope("t", null, null))).isNull();
    assertThat(ChangeCapture.toRecord(new SourceRecord(Map.of(), Map.of(), "heartbeat", Schema.STRING_SCHEMA, "x"))).isNull();
  }

  /** The row's JSON means what Connect's own JsonConverter (schemas disabled, as the engine's Json format ran it) wrote. */
  @Test
  void theRowIsWhatConnectsJsonConverterWrites() {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
    Random random = new Random(7);
    String alphabet = "aZ9 /\\\"'é\u2028\u0001\n\t{}[]:,😀\u007f";
    for (int i = 0; i < 2_000; i++) {
      Struct row = row(text(random, alphabet), text(random, alphabet)).put("etag", text(random, alphabet))
          .put("size", random.nextLong()).put("sequence", (long) random.nextInt())
          .put("user_metadata", "{\"k\": \"" + text(random, "abc\\\"") + "\"}")
          .put("parts", random.nextBoolean() ? null : "[{\"id\": \"b\", \"size\": 5}]")
          .put("version_id", random.nextBoolean() ? null : text(random, alphabet));
      String expected = new String(converter.fromConnectData(Topics.CDC, ROW, row), StandardCharsets.UTF_8);
      assertThat(io.mocks3.schemas.Json.mapper().readTree(ChangeCapture.json(row)))
          .isEqualTo(io.mocks3.schemas.Json.mapper().readTree(expected));
    }
  }

  /** Columns of other types than the objects table has today come out as the converter writes them too. */
  @Test
  void otherColumnTypesAreWrittenAsTheConverterWritesThem() {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
    Schema schema = SchemaBuilder.struct().field("i", Schema.INT32_SCHEMA).field("s", Schema.INT16_SCHEMA)
        .field("f", Schema.FLOAT32_SCHEMA).field("d", Schema.FLOAT64_SCHEMA).field("b", Schema.BOOLEAN_SCHEMA)
        .field("bytes", Schema.BYTES_SCHEMA).field("none", Schema.OPTIONAL_FLOAT32_SCHEMA).build();
    Struct row = new Struct(schema).put("i", -7).put("s", (short) 300).put("f", 1.1f).put("d", 0.1 + 0.2).put("b", true)
        .put("bytes", new byte[] {0, -1, 42});
    String expected = new String(converter.fromConnectData(Topics.CDC, schema, row), StandardCharsets.UTF_8);
    assertThat(io.mocks3.schemas.Json.mapper().readTree(ChangeCapture.json(row)))
        .isEqualTo(io.mocks3.schemas.Json.mapper().readTree(expected));
  }

  private static String text(Random random, String alphabet) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      b.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0,
          alphabet.length())))));
    }
    return b.toString();
  }

  @Test
  void theEngineReadsTheDatasourceAndKeepsItsOffsetsInKafkaWhereAnyInstanceCanResume() {
    Properties p = ChangeCapture.engineConfig("broker:9092", new ChangeCapture.Database("jdbc:postgresql://db.example:5544/mocks3",
        "u", "pw"), Duration.ofMillis(10));
    assertThat(p.getProperty("database.hostname")).isEqualTo("db.example");
    assertThat(p.getProperty("database.port")).isEqualTo("5544");
    assertThat(p.getProperty("database.dbname")).isEqualTo("mocks3");
    assertThat(p.getProperty("offset.storage")).isEqualTo("org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
    assertThat(p.getProperty("offset.storage.topic")).isEqualTo(ChangeCapture.OFFSETS_TOPIC);
    assertThat(p.getProperty("bootstrap.servers")).isEqualTo("broker:9092");
    assertThat(p.getProperty("database.password")).isEqualTo("pw");
    assertThat(p.getProperty("table.include.list")).isEqualTo("public.objects");
    assertThat(p.getProperty("poll.interval.ms")).isEqualTo("10");
  }
}
