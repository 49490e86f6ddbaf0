package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/** ListObjects (v1) and ListObjectsV2 share this element; each leaves the other's fields null. */
@JacksonXmlRootElement(localName = "ListBucketResult")
public record ListBucketResult(
    @JacksonXmlProperty(localName = "Name") String name,
    @JacksonXmlProperty(localName = "Prefix") String prefix,
    @JacksonXmlProperty(localName = "Marker") String marker,
    @JacksonXmlProperty(localName = "NextMarker") String nextMarker,
    @JacksonXmlProperty(localName = "StartAfter") String startAfter,
    @JacksonXmlProperty(localName = "ContinuationToken") String continuationToken,
    @JacksonXmlProperty(localName = "NextContinuationToken") String nextContinuationToken,
    @JacksonXmlProperty(localName = "KeyCount") Integer keyCount,
    @JacksonXmlProperty(localName = "MaxKeys") int maxKeys,
    @JacksonXmlProperty(localName = "Delimiter") String delimiter,
    @JacksonXmlProperty(localName = "EncodingType") String encodingType,
    @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Contents") List<Content> contents,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes") List<CommonPrefix> commonPrefixes) {

  public record Content(
      @JacksonXmlProperty(localName = "Key") String key,
      @JacksonXmlProperty(localName = "LastModified") String lastModified,
      @JacksonXmlProperty(localName = "ETag") String etag,
      @JacksonXmlProperty(localName = "Size") long size,
      @JacksonXmlProperty(localName = "Owner") Owner owner,
      @JacksonXmlProperty(localName = "StorageClass") String storageClass) {}

  public record CommonPrefix(@JacksonXmlProperty(localName = "Prefix") String prefix) {}

  /** The S3 namespace, written as an attribute so that child elements inherit it. */
  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
