package io.mocks3.projector.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Debezium's change envelopes (as the Json format emits them without schemas) become mocks3.cdc records. */
class ChangeCaptureTest {
  private static final String ROW = """
      {"bucket":"photos","key":"cat.jpg","blob_id":"b-1","size":3,"etag":"e","content_type":"image/jpeg",\
      "headers":"{}","user_metadata":"{}","last_modified":"2026-11-23T10:35:27.682914Z","sequence":2,"parts":null,\
      "tags":"{}","checksums":"{}","version_id":null}""";

  private static String envelope(String op, String before, String after) {
    return "{\"before\":" + before + ",\"after\":" + after + ",\"source\":{\"lsn\":22241304,\"ts_ms\":1795430128045,"
        + "\"table\":\"objects\"},\"op\":\"" + op + "\",\"ts_ms\":1795430128100}";
  }

  private static String header(ProducerRecord<String, String> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void anInsertOrUpdateBecomesTheRowUnderItsKey() {
    for (String op : new String[] {"c", "u", "r"}) {
      ProducerRecord<String, String> r = ChangeCapture.toRecord(envelope(op, "null", ROW));
      assertThat(r.topic()).isEqualTo(Topics.CDC);
      assertThat(r.key()).isEqualTo("objects:photos/cat.jpg");
      assertThat(r.value()).contains("\"blob_id\":\"b-1\"", "\"last_modified\":\"2026-11-23T10:35:27.682914Z\"");
      assertThat(header(r, ChangeCapture.OP_HEADER)).isEqualTo(op);
      assertThat(header(r, ChangeCapture.LSN_HEADER)).isEqualTo("22241304");
      assertThat(header(r, ChangeCapture.COMMITTED_AT_HEADER)).isEqualTo("1795430128045");
    }
  }

  @Test
  void aDeleteBecomesATombstoneKeyedByTheRowItRemoved() {
    ProducerRecord<String, String> r = ChangeCapture.toRecord(envelope("d", "{\"bucket\":\"photos\",\"key\":\"a/b c.txt\"}", "null"));
    assertThat(r.key()).isEqualTo("objects:photos/a/b c.txt");
    assertThat(r.value()).isNull();
  }

  @Test
  void whatIsNotARowChangeIsSkipped() {
    assertThat(ChangeCapture.toRecord(null)).isNull();
    assertThat(ChangeCapture.toRecord(envelope("t", "null", "null"))).isNull();
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
