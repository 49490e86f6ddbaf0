package io.mocks3.gateway.http.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlTextTest {
  @Test
  void keysXml10CannotCarryAreCharacterReferencesAsS3WritesThem_OthersStayReadable() {
    List<ListBucketResult.Content> contents = List.of("ctl\u0001key", "cr\rlf\n", "a<b&c>", "😀é", "nc\uFFFF").stream()
        .map(k -> new ListBucketResult.Content(k, "2026-01-01T00:00:00.000Z", "\"e\"", 1, null, "STANDARD")).toList();
    String xml = new String(S3Xml.write(new ListBucketResult("b", "", null, null, null, null, null, 5, 1000, null, null,
        false, contents, List.of())), StandardCharsets.UTF_8);
    assertThat(xml).startsWith("<?xml").contains("<Key>ctl&#x1;key</Key>", "<Key>cr&#xD;lf\n</Key>", "<Key>a&lt;b&amp;c&gt;</Key>",
        "<Key>😀é</Key>", "<Key>nc&#xFFFF;</Key>", "<Name>b</Name>");
  }

  @Test
  void everyAnswerEscapesSoNotOnlyListings() {
    String xml = new String(S3Xml.write(new InitiateMultipartUploadResult("b", "k\u0001ey", "u")), StandardCharsets.UTF_8);
    assertThat(xml).contains("<Key>k&#x1;ey</Key>");
  }
}
