package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** Get/PutBucketEncryption: one Rule with the default algorithm, its KMS key and whether a bucket key is used. */
@JacksonXmlRootElement(localName = "ServerSideEncryptionConfiguration")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerSideEncryptionConfiguration(
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Rule") List<Rule> rules) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rule(@JacksonXmlProperty(localName = "ApplyServerSideEncryptionByDefault") ByDefault byDefault,
      @JacksonXmlProperty(localName = "BucketKeyEnabled") Boolean bucketKeyEnabled) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ByDefault(@JacksonXmlProperty(localName = "SSEAlgorithm") String sseAlgorithm,
      @JacksonXmlProperty(localName = "KMSMasterKeyID") String kmsMasterKeyId) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
