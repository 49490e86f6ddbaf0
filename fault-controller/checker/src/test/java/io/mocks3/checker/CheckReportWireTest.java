package io.mocks3.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.golden.GoldenFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code --json} report of history-checker, byte for byte what the Jackson 2 code printed (a fixture). */
class CheckReportWireTest {
  private static final GoldenFixtures GOLDEN = new GoldenFixtures(Path.of("src/test/resources/golden"));

  @TempDir
  Path dir;

  @Test
  void givenAStaleReadAndAStaleList_WhenCheckedAsJson_ThenTheReportIsPrintedAsBefore() throws Exception {
    Path history = Files.writeString(dir.resolve("history.jsonl"), """
        {"index":0,"time":1,"process":"p1","type":"invoke","f":"put","bucket":"b","key":"k","value":{"sha256":"aa"}}
        {"index":1,"time":2,"process":"p1","type":"ok","f":"put","bucket":"b","key":"k","value":{"etag":"e1","version_id":"v1"}}
        {"index":2,"time":3,"process":"p1","type":"invoke","f":"put","bucket":"b","key":"k","value":{"sha256":"bb"}}
        {"index":3,"time":4,"process":"p1","type":"ok","f":"put","bucket":"b","key":"k","status":200,"request_id":"r-3"}
        {"index":4,"time":5,"process":"p2","type":"invoke","f":"get","bucket":"b","key":"k"}
        {"index":5,"time":6,"process":"p2","type":"ok","f":"get","bucket":"b","key":"k","value":{"sha256":"aa"}}
        {"index":6,"time":7,"process":"p3","type":"invoke","f":"list","bucket":"b","prefix":""}
        {"index":7,"time":8,"process":"p3","type":"ok","f":"list","bucket":"b","prefix":"","listed":[]}
        """);
    StringWriter out = new StringWriter();

    int exit = CheckCommand.run(new PrintWriter(out), new PrintWriter(new StringWriter()), history.toString(), "--json");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEqualTo(GOLDEN.fixture("check-report.json", out.toString()));
  }
}
