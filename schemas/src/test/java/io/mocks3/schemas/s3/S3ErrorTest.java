package io.mocks3.schemas.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class S3ErrorTest {
  @Test
  void writesTheS3ErrorDocumentLeavingOutWhatIsUnknown() {
    assertThat(new S3Error(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist.", "/b/k", "ABC").toXml())
        .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
            + "<Message>The specified key does not exist.</Message><Resource>/b/k</Resource><RequestId>ABC</RequestId></Error>");
    assertThat(new S3Error("InvalidURI", "Couldn't parse the specified URI.", null, null).toXml())
        .endsWith("<Error><Code>InvalidURI</Code><Message>Couldn&apos;t parse the specified URI.</Message></Error>");
  }

  @Test
  void escapesMarkupAndReplacesWhatXmlCannotCarry() throws Exception {
    String message = "key <a&b> \"q\" 'x' \u0001 \uD800 tab\tcr\r 日本 \uD83D\uDE00";
    S3Error error = new S3Error("InvalidArgument", message, "/b/%3Cx%3E", "ID");
    assertThat(error.toXml()).contains("key &lt;a&amp;b&gt; &quot;q&quot; &apos;x&apos; \uFFFD \uFFFD tab\tcr&#13; 日本 \uD83D\uDE00");

    Document parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(error.toBytes()));
    assertThat(parsed.getElementsByTagName("Message").item(0).getTextContent())
        .isEqualTo("key <a&b> \"q\" 'x' \uFFFD \uFFFD tab\tcr\r 日本 \uD83D\uDE00");
    assertThat(parsed.getElementsByTagName("Code").item(0).getTextContent()).isEqualTo("InvalidArgument");
  }

  @Test
  void anErrorNeedsACode() {
    assertThatThrownBy(() -> new S3Error((String) null, "m", null, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStatusWithoutACodeGetsTheOneS3Uses() {
    assertThat(S3ErrorCode.forStatus(404)).isEqualTo(S3ErrorCode.NO_SUCH_KEY);
    assertThat(S3ErrorCode.forStatus(429).code()).isEqualTo("SlowDown");
    assertThat(S3ErrorCode.forStatus(409).code()).isEqualTo("OperationAborted");
    assertThat(S3ErrorCode.forStatus(502)).isEqualTo(S3ErrorCode.INTERNAL_ERROR);
    assertThat(S3ErrorCode.forStatus(418)).isEqualTo(S3ErrorCode.BAD_REQUEST);
    assertThat(S3ErrorCode.forCode("NoSuchBucket").status()).isEqualTo(404);
  }
}
