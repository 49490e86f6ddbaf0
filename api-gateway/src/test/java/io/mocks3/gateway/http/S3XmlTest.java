package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.gateway.http.xml.ListBucketResult;
import io.mocks3.gateway.http.xml.LocationConstraint;
import io.mocks3.gateway.http.xml.S3Xml;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3XmlTest {
  @Test
  void listResultCarriesTheS3NamespaceOnceAndUnwrapsRepeatedElements() {
    ListBucketResult result = new ListBucketResult("b", "", null, null, null, null, null, 2, 1000, "/", null, false,
        List.of(new ListBucketResult.Content("a.txt", "2026-01-01T00:00:00.000Z", "\"x\"", 3, null, "STANDARD")),
        List.of(new ListBucketResult.CommonPrefix("dir/")));

    String xml = new String(S3Xml.write(result), StandardCharsets.UTF_8);

    assertThat(xml).contains("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    assertThat(xml).doesNotContain("xmlns=\"\"");
    assertThat(xml).contains("<Contents><Key>a.txt</Key>", "<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes>");
    assertThat(xml).doesNotContain("<Marker>", "<Owner>");
  }

  @Test
  void emptyLocationMeansUsEast1() {
    String xml = new String(S3Xml.write(new LocationConstraint(null)), StandardCharsets.UTF_8);
    assertThat(xml).contains("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"");
  }
}
