package io.mocks3.gateway.http.xml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The answer to ListObjectVersions. S3 interleaves Version and DeleteMarker elements in key order;
 * clients collect each kind into its own list, so they are written as two runs.
 */
@JacksonXmlRootElement(localName = "ListVersionsResult")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "prefix", "keyMarker", "versionIdMarker", "nextKeyMarker", "nextVersionIdMarker", "maxKeys",
    "delimiter", "encodingType", "truncated", "versions", "deleteMarkers", "commonPrefixes"})
public record ListVersionsResult(
    @JacksonXmlProperty(localName = "Name") String name,
    @JacksonXmlProperty(localName = "Prefix") String prefix,
    @JacksonXmlProperty(localName = "KeyMarker") String keyMarker,
    @JacksonXmlProperty(localName = "VersionIdMarker") String versionIdMarker,
    @JacksonXmlProperty(localName = "NextKeyMarker") String nextKeyMarker,
    @JacksonXmlProperty(localName = "NextVersionIdMarker") String nextVersionIdMarker,
    @JacksonXmlProperty(localName = "MaxKeys") int maxKeys,
    @JacksonXmlProperty(localName = "Delimiter") String delimiter,
    @JacksonXmlProperty(localName = "EncodingType") String encodingType,
    @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Version") List<Version> versions,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "DeleteMarker") List<DeleteMarker> deleteMarkers,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes")
        List<ListBucketResult.CommonPrefix> commonPrefixes) {

  @JsonPropertyOrder({"key", "versionId", "latest", "lastModified", "etag", "size", "owner", "storageClass"})
  public record Version(
      @JacksonXmlProperty(localName = "Key") String key,
      @JacksonXmlProperty(localName = "VersionId") String versionId,
      @JacksonXmlProperty(localName = "IsLatest") boolean latest,
      @JacksonXmlProperty(localName = "LastModified") String lastModified,
      @JacksonXmlProperty(localName = "ETag") String etag,
      @JacksonXmlProperty(localName = "Size") long size,
      @JacksonXmlProperty(localName = "Owner") Owner owner,
      @JacksonXmlProperty(localName = "StorageClass") String storageClass) {}

  @JsonPropertyOrder({"key", "versionId", "latest", "lastModified", "owner"})
  public record DeleteMarker(
      @JacksonXmlProperty(localName = "Key") String key,
      @JacksonXmlProperty(localName = "VersionId") String versionId,
      @JacksonXmlProperty(localName = "IsLatest") boolean latest,
      @JacksonXmlProperty(localName = "LastModified") String lastModified,
      @JacksonXmlProperty(localName = "Owner") Owner owner) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
