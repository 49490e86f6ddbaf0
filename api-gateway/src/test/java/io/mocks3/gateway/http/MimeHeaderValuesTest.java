package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeHeaderValuesTest {
  @Test
  void asciiValuesPassUnchanged() {
    assertThat(MimeHeaderValues.decode("plain value")).isEqualTo("plain value");
    assertThat(MimeHeaderValues.encode("plain value")).isEqualTo("plain value");
  }

  @Test
  void encodedWordsAreDecodedForStorageAndNonAsciiIsAnsweredAsOneBase64Word() {
    assertThat(MimeHeaderValues.decode("=?UTF-8?B?Y2Fmw6kg4pyT?=")).isEqualTo("café ✓");
    assertThat(MimeHeaderValues.decode("=?ISO-8859-1?Q?caf=E9_au_lait?=")).isEqualTo("café au lait");
    // whitespace between adjacent encoded words is not text; around them it is
    assertThat(MimeHeaderValues.decode("a =?UTF-8?B?w6k=?= =?UTF-8?B?w6k=?= b")).isEqualTo("a éé b");
    assertThat(MimeHeaderValues.encode("café ✓")).isEqualTo("=?UTF-8?B?Y2Fmw6kg4pyT?=");
  }

  @Test
  void rawUtf8BytesReadAsLatin1AreReadAsUtf8_AndWhatIsNotAWordStays() {
    String asTomcatReadsIt = new String("naïve".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertThat(MimeHeaderValues.decode(asTomcatReadsIt)).isEqualTo("naïve");
    assertThat(MimeHeaderValues.decode("=?nope?B?!!?=")).isEqualTo("=?nope?B?!!?=");
    assertThat(MimeHeaderValues.decode("x=?y")).isEqualTo("x=?y");
  }
}
