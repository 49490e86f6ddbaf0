package io.mocks3.gateway.http;

import io.mocks3.gateway.core.Consistency;
import io.mocks3.gateway.core.MultipartService;
import io.mocks3.gateway.core.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.CompleteMultipartUploadRequest;
import io.mocks3.gateway.http.xml.CompleteMultipartUploadResult;
import io.mocks3.gateway.http.xml.InitiateMultipartUploadResult;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.schemas.command.CompleteMultipartUpload.ChosenPart;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload. */
class MultipartEndpoint {
  private static final int MAX_COMPLETE_BODY = 4 * 1024 * 1024;
  private final MultipartService multipart;
  private final Consistency defaultConsistency;

  MultipartEndpoint(MultipartService multipart, Consistency defaultConsistency) {
    this.multipart = multipart;
    this.defaultConsistency = defaultConsistency;
  }

  void create(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String uploadId = multipart.create(bucket, key, ObjectEndpoint.metadataOf(request), consistency(request));
    BucketEndpoint.writeXml(response, new InitiateMultipartUploadResult(bucket, key, uploadId));
  }

  void uploadPart(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String etag;
    try (InputStream body = ObjectEndpoint.bodyOf(request)) {
      etag = multipart.uploadPart(bucket, key, S3Query.of(request).get("uploadId"), S3Query.of(request).get("partNumber"),
          body, request.getHeader("Content-MD5"), consistency(request));
    }
    response.setHeader("ETag", etag);
    response.setStatus(200);
  }

  void complete(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<ChosenPart> parts = parse(request);
    String etag = multipart.complete(bucket, key, S3Query.of(request).get("uploadId"), parts, consistency(request));
    String location = request.getRequestURL().toString();
    BucketEndpoint.writeXml(response, new CompleteMultipartUploadResult(location, bucket, key, etag));
  }

  void abort(String bucket, String key, HttpServletRequest request, HttpServletResponse response) {
    multipart.abort(bucket, key, S3Query.of(request).get("uploadId"), consistency(request));
    response.setStatus(204);
  }

  private static List<ChosenPart> parse(HttpServletRequest request) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_COMPLETE_BODY + 1);
    }
    if (body.length > MAX_COMPLETE_BODY) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "CompleteMultipartUpload body too large");
    }
    try {
      CompleteMultipartUploadRequest parsed = S3Xml.read(body, CompleteMultipartUploadRequest.class);
      if (parsed == null || parsed.parts() == null) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML);
      }
      return parsed.parts().stream().map(p -> {
        if (p.partNumber() == null || p.etag() == null) {
          throw new S3Exception(S3ErrorCode.MALFORMED_XML, "every Part needs a PartNumber and an ETag");
        }
        return new ChosenPart(p.partNumber(), p.etag());
      }).toList();
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
  }

  private Consistency consistency(HttpServletRequest request) {
    return BucketEndpoint.consistency(request, defaultConsistency);
  }
}
