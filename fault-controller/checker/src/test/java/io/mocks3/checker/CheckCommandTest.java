package io.mocks3.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void givenValidHistory_WhenChecked_ThenExitZeroAndSummary() throws IOException {
    Path history = write("""
        {"index":0,"time":1,"process":"p1","type":"invoke","f":"put","key":"a/k","value":{"sha256":"aa"}}
        {"index":1,"time":2,"process":"p1","type":"ok","f":"put","key":"a/k","value":{"etag":"e1"}}
        {"index":2,"time":3,"process":"p2","type":"invoke","f":"get","key":"a/k"}
        {"index":3,"time":4,"process":"p2","type":"ok","f":"get","key":"a/k","value":{"sha256":"aa"}}
        """);

    assertThat(run(history.toString())).isEqualTo(0);
    assertThat(out.toString()).contains("2 operations, 1 keys, 2 processes").contains("linearizable")
        .contains("VALID");
  }

  @Test
  void givenStaleRead_WhenCheckedAsJson_ThenExitOneAndAnomalyInJson() throws IOException {
    Path history = write("""
        {"index":0,"time":1,"process":"p1","type":"invoke","f":"put","key":"k","value":{"sha256":"aa"}}
        {"index":1,"time":2,"process":"p1","type":"ok","f":"put","key":"k"}
        {"index":2,"time":3,"process":"p1","type":"invoke","f":"put","key":"k","value":{"sha256":"bb"}}
        {"index":3,"time":4,"process":"p1","type":"ok","f":"put","key":"k"}
        {"index":4,"time":5,"process":"p2","type":"invoke","f":"get","key":"k"}
        {"index":5,"time":6,"process":"p2","type":"ok","f":"get","key":"k","value":{"sha256":"aa"}}
        {"index":6,"time":7,"process":"p3","type":"invoke","f":"get","key":"k"}
        {"index":7,"time":8,"process":"p3","type":"ok","f":"get","key":"k","value":{"sha256":"bb"}}
        """);

    assertThat(run(history.toString(), "--json")).isEqualTo(1);
    assertThat(out.toString()).contains("\"type\" : \"stale-read\"").contains("\"valid\" : false");
  }

  @Test
  void givenBadLine_WhenChecked_ThenExitTwoNamingLineAndField() throws IOException {
    Path history = write("""
        {"index":0,"time":1,"process":"p1","type":"invoke","f":"put","key":"k"}
        {"index":1,"time":"soon","process":"p1","type":"ok","f":"put","key":"k"}
        """);

    assertThat(run(history.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("line 2").contains("'time'");
  }

  @Test
  void givenMissingFile_WhenChecked_ThenExitTwo() {
    assertThat(run(dir.resolve("nope.jsonl").toString())).isEqualTo(2);
  }

  private int run(String... args) {
    return CheckCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("history.jsonl"), content);
  }
}
