package io.mocks3.gateway.http.xml;

import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import tools.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

@JacksonXmlRootElement(localName = "ListMultipartUploadsResult")
public record ListMultipartUploadsResult(
    @JacksonXmlProperty(localName = "Bucket") String bucket,
    @JacksonXmlProperty(localName = "KeyMarker") String keyMarker,
    @JacksonXmlProperty(localName = "UploadIdMarker") String uploadIdMarker,
    @JacksonXmlProperty(localName = "NextKeyMarker") String nextKeyMarker,
    @JacksonXmlProperty(localName = "NextUploadIdMarker") String nextUploadIdMarker,
    @JacksonXmlProperty(localName = "Prefix") String prefix,
    @JacksonXmlProperty(localName = "Delimiter") String delimiter,
    @JacksonXmlProperty(localName = "MaxUploads") int maxUploads,
    @JacksonXmlProperty(localName = "IsTruncated") boolean truncated,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "Upload") List<Upload> uploads,
    @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "CommonPrefixes")
        List<ListBucketResult.CommonPrefix> commonPrefixes,
    @JacksonXmlProperty(localName = "EncodingType") String encodingType) {

  public record Upload(
      @JacksonXmlProperty(localName = "Key") String key,
      @JacksonXmlProperty(localName = "UploadId") String uploadId,
      @JacksonXmlProperty(localName = "Initiator") Owner initiator,
      @JacksonXmlProperty(localName = "Owner") Owner owner,
      @JacksonXmlProperty(localName = "StorageClass") String storageClass,
      @JacksonXmlProperty(localName = "Initiated") String initiated) {}

  @JacksonXmlProperty(isAttribute = true, localName = "xmlns")
  public String xmlns() {
    return S3Xml.NAMESPACE;
  }
}
