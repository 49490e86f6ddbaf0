package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.gateway.http.xml.Checksums;
import io.mocks3.gateway.http.xml.CopyObjectResult;
import io.mocks3.gateway.http.xml.Delete;
import io.mocks3.gateway.http.xml.ListBucketResult;
import io.mocks3.gateway.http.xml.LocationConstraint;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.gateway.http.xml.Tagging;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
  void taggingReadsAndWritesIncludingAnEmptyTagSet() throws Exception {
    String xml = "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet><Tag><Key>a</Key><Value>1</Value></Tag>"
        + "<Tag><Key>b</Key><Value></Value></Tag></TagSet></Tagging>";
    Tagging tagging = S3Xml.read(xml.getBytes(StandardCharsets.UTF_8), Tagging.class);
    assertThat(ObjectEndpoint.fromTagging(tagging, 10)).containsExactly(Map.entry("a", "1"), Map.entry("b", ""));
    String written = new String(S3Xml.write(ObjectEndpoint.toTagging(Map.of("k", "v"))), StandardCharsets.UTF_8);
    assertThat(written).contains("<TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet>").doesNotContain("<tags>");
    Tagging empty = S3Xml.read("<Tagging><TagSet/></Tagging>".getBytes(StandardCharsets.UTF_8), Tagging.class);
    assertThat(ObjectEndpoint.fromTagging(empty, 10)).isEmpty();
  }

  @Test
  void deleteRequestListsItsKeys() throws Exception {
    String xml = "<Delete><Quiet>true</Quiet><Object><Key>a b</Key></Object><Object><Key>c</Key><VersionId>null</VersionId></Object></Delete>";
    Delete delete = S3Xml.read(xml.getBytes(StandardCharsets.UTF_8), Delete.class);
    assertThat(delete.quiet()).isTrue();
    assertThat(delete.objects()).extracting(Delete.ObjectIdentifier::key).containsExactly("a b", "c");
  }

  @Test
  void checksumsAreInlineElementsAndAbsentOnesAreOmitted() {
    String xml = new String(S3Xml.write(new CopyObjectResult("2026-01-01T00:00:00.000Z", "\"e\"",
        Checksums.of(Map.of(ChecksumAlgorithm.CRC32, "AAAAAA==")))), StandardCharsets.UTF_8);
    assertThat(xml).contains("<CopyObjectResult xmlns=", "<ETag>\"e\"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32>")
        .doesNotContain("ChecksumSHA1", "<Checksums>");
  }

  @Test
  void emptyLocationMeansUsEast1() {
    String xml = new String(S3Xml.write(new LocationConstraint(null)), StandardCharsets.UTF_8);
    assertThat(xml).contains("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"");
  }
}
