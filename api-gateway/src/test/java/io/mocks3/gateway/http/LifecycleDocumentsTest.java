package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.LifecycleConfigurationXml;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LifecycleDocumentsTest {

  private static LifecycleConfiguration parse(String rules) throws Exception {
    return LifecycleDocuments.fromXml(S3Xml.read(("<LifecycleConfiguration>" + rules + "</LifecycleConfiguration>")
        .getBytes(StandardCharsets.UTF_8), LifecycleConfigurationXml.class));
  }

  private static String code(String rules) {
    try {
      parse(rules);
    } catch (S3Exception e) {
      return e.code().code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted: " + rules);
  }

  @Test
  void theLegacyPrefix_AndFilters_ReadIntoOneForm_AndWriteBackAsTheyWereWritten() throws Exception {
    LifecycleConfiguration config = parse("""
        <Rule><ID>old</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Expiration><Days>3</Days></Expiration></Rule>
        <Rule><ID>and</ID><Filter><And><Prefix>data/</Prefix><Tag><Key>a</Key><Value>1</Value></Tag>
          <Tag><Key>b</Key><Value>2</Value></Tag><ObjectSizeLessThan>100</ObjectSizeLessThan></And></Filter>
          <Status>Disabled</Status><NoncurrentVersionExpiration><NoncurrentDays>5</NoncurrentDays></NoncurrentVersionExpiration></Rule>
        <Rule><Filter/><Status>Enabled</Status><Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule>
        """);
    assertThat(config.rules()).hasSize(3);
    assertThat(config.rules().get(0).filter().prefix()).isEqualTo("logs/");
    assertThat(config.rules().get(1).filter().tags()).containsEntry("a", "1").containsEntry("b", "2");
    assertThat(config.rules().get(1).filter().sizeLessThan()).isEqualTo(100L);
    assertThat(config.rules().get(1).enabled()).isFalse();
    assertThat(config.rules().get(2).id()).as("an ID is given").isNotBlank();
    assertThat(config.rules().get(2).expiredObjectDeleteMarker()).isTrue();

    String xml = new String(S3Xml.write(LifecycleDocuments.toXml(config)), StandardCharsets.UTF_8);
    assertThat(xml).as("the legacy Prefix is answered as a legacy Prefix (S3; Terraform compares what it wrote)")
        .contains("<ID>old</ID><Prefix>logs/</Prefix><Status>").doesNotContain("<Filter><Prefix>logs/</Prefix></Filter>")
        .contains("<And><Prefix>data/</Prefix>");
    LifecycleConfiguration again = LifecycleDocuments.fromXml(S3Xml.read(xml.getBytes(StandardCharsets.UTF_8),
        LifecycleConfigurationXml.class));
    assertThat(again).isEqualTo(config);
  }

  @Test
  void badRulesAreTheErrorsS3Answers() throws Exception {
    String days = "<Status>Enabled</Status><Expiration><Days>1</Days></Expiration>";
    assertThat(code("")).isEqualTo("MalformedXML");
    assertThat(code("<Rule><ID>x</ID><Prefix/><Status>On</Status><Expiration><Days>1</Days></Expiration></Rule>"))
        .isEqualTo("MalformedXML");
    assertThat(code("<Rule><ID>x</ID><Prefix/>" + days + "</Rule><Rule><ID>x</ID><Prefix/>" + days + "</Rule>"))
        .isEqualTo("InvalidArgument");
    assertThat(code("<Rule><ID>" + "i".repeat(256) + "</ID><Prefix/>" + days + "</Rule>")).isEqualTo("InvalidArgument");
    assertThat(code("<Rule><Prefix/><Status>Enabled</Status><Expiration><Days>0</Days></Expiration></Rule>"))
        .isEqualTo("InvalidArgument");
    assertThat(code("<Rule><Prefix/><Status>Enabled</Status><Expiration><Days>1</Days><Date>2030-01-01T00:00:00Z</Date>"
        + "</Expiration></Rule>")).isEqualTo("MalformedXML");
    assertThat(code("<Rule><Prefix/><Status>Enabled</Status><Expiration><Date>2030-01-01T10:00:00Z</Date></Expiration></Rule>"))
        .isEqualTo("InvalidArgument");
    assertThat(code("<Rule><Prefix>a</Prefix><Filter><Prefix>a</Prefix></Filter>" + days + "</Rule>")).isEqualTo("MalformedXML");
    assertThat(code("<Rule><Prefix/><Status>Enabled</Status></Rule>")).isEqualTo("InvalidRequest");
    String transition = "<Rule><Prefix/><Status>Enabled</Status><Transition><%s</Transition></Rule>";
    assertThat(code(transition.formatted("Date>20220927</Date><StorageClass>GLACIER</StorageClass>"))).isEqualTo("InvalidArgument");
    assertThat(code(transition.formatted("Days>-1</Days><StorageClass>GLACIER</StorageClass>"))).isEqualTo("InvalidArgument");
    assertThat(parse(transition.formatted("Date>2030-01-01T00:00:00Z</Date><StorageClass>GLACIER</StorageClass>")).rules())
        .hasSize(1);
    assertThatThrownBy(() -> parse("<Rule><Prefix/><Status>Enabled</Status><AbortIncompleteMultipartUpload>"
        + "<DaysAfterInitiation>-1</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>"))
        .isInstanceOf(S3Exception.class);
  }
}
