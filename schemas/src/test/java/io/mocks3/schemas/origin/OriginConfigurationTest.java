package io.mocks3.schemas.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OriginConfigurationTest {

  @Test
  void defaultsAreTheOwnBucket_UsEast1_PathStyle_AndTheSecretIsRedactedForReaders() {
    OriginConfiguration resolved = new OriginConfiguration("http://upstream:9000/", null, null, "key", "secret", null, null)
        .resolved("photos");
    assertThat(resolved.endpoint()).isEqualTo("http://upstream:9000");
    assertThat(resolved.bucket()).isEqualTo("photos");
    assertThat(resolved.region()).isEqualTo("us-east-1");
    assertThat(resolved.pathStyle()).isTrue();
    assertThat(resolved.redacted().secretAccessKey()).isEqualTo("********");
    assertThat(resolved.redacted().accessKeyId()).isEqualTo("key");
  }

  @Test
  void badConfigurationsNameWhatIsWrong() {
    assertThatThrownBy(() -> new OriginConfiguration(null, null, null, null, null, null, null).resolved("b"))
        .hasMessageContaining("endpoint is required");
    assertThatThrownBy(() -> new OriginConfiguration("ftp://x", null, null, null, null, null, null).resolved("b"))
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> new OriginConfiguration("http://x", "Bad_Bucket", null, null, null, null, null).resolved("b"))
        .hasMessageContaining("not a valid S3 bucket name");
    assertThatThrownBy(() -> new OriginConfiguration("http://x", null, null, "key", null, null, null).resolved("bucket"))
        .hasMessageContaining("go together");
    assertThatThrownBy(() -> new OriginConfiguration("http://x", null, null, null, null, null, 0).resolved("bucket"))
        .hasMessageContaining("at least 1");
  }
}
