package io.mocks3.gateway.http;

import io.mocks3.gateway.core.CompleteRequest;
import io.mocks3.gateway.core.BucketService;
import io.mocks3.gateway.core.Consistency;
import io.mocks3.gateway.core.MultipartService;
import io.mocks3.gateway.core.ObjectService;
import io.mocks3.gateway.core.PartCopyRequest;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.Checksums;
import io.mocks3.gateway.http.xml.CompleteMultipartUploadRequest;
import io.mocks3.gateway.http.xml.CompleteMultipartUploadResult;
import io.mocks3.gateway.http.xml.CopyObjectResult;
import io.mocks3.gateway.http.xml.InitiateMultipartUploadResult;
import io.mocks3.gateway.http.xml.ListBucketResult;
import io.mocks3.gateway.http.xml.ListMultipartUploadsResult;
import io.mocks3.gateway.http.xml.ListPartsResult;
import io.mocks3.gateway.http.xml.Owner;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.readmodel.PartRow;
import io.mocks3.readmodel.UploadRow;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.CompleteMultipartUpload.ChosenPart;
import io.mocks3.schemas.command.UploadChecksum;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload,
 * AbortMultipartUpload, ListParts and ListMultipartUploads.
 */
class MultipartEndpoint {
  private static final int MAX_LISTED = 1000;
  private final MultipartService multipart;
  private final BucketService buckets;
  private final Consistency defaultConsistency;
  private final Owners owners;
  private final AclEndpoint acls;

  MultipartEndpoint(MultipartService multipart, BucketService buckets, Consistency defaultConsistency, Owners owners,
      AclEndpoint acls) {
    this.acls = acls;
    this.multipart = multipart;
    this.buckets = buckets;
    this.defaultConsistency = defaultConsistency;
    this.owners = owners;
  }

  void create(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    UploadChecksum checksum = ObjectHeaders.uploadChecksum(request);
    MultipartService.CreatedUpload upload = multipart.create(bucket, key,
        ObjectHeaders.metadataOf(request).withAcl(acls.forWrite(bucket, request)), checksum, Owners.stored(owners.of(request)),
        consistency(request));
    if (checksum != null) {
      response.setHeader("x-amz-checksum-algorithm", checksum.algorithm().name());
      response.setHeader("x-amz-checksum-type", checksum.type());
    }
    EncryptionHeaders.writeEncryption(upload.encryption(), response);
    XmlBody.write(response, new InitiateMultipartUploadResult(bucket, key, upload.uploadId()));
  }

  void uploadPart(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    S3Query query = S3Query.of(request);
    String customerKeyMd5 = EncryptionHeaders.customerKeyMd5(request, "");
    MultipartService.StoredPart part;
    try (RequestBody body = RequestBody.ofObjectData(request)) {
      part = multipart.uploadPart(bucket, key, query.get("uploadId"), query.get("partNumber"), customerKeyMd5, body.stream(),
          body.integrity(), consistency(request));
    }
    response.setHeader("ETag", "\"" + part.blob().md5Hex() + "\"");
    ObjectHeaders.writeChecksums(part.blob().checksums(), response);
    EncryptionHeaders.writeEncryption(part.encryption(), response);
    response.setStatus(200);
  }

  void uploadPartCopy(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    S3Query query = S3Query.of(request);
    ObjectEndpoint.CopySource source = ObjectEndpoint.CopySource.parse(request.getHeader("x-amz-copy-source"));
    MultipartService.StoredPart part = multipart.uploadPartCopy(new PartCopyRequest(bucket, key, query.get("uploadId"),
        query.get("partNumber"), source.bucket(), source.key(), source.versionId(),
        ObjectHeaders.readConditions(request, "x-amz-copy-source-"), EncryptionHeaders.customerKeyMd5(request, "x-amz-copy-source-"),
        EncryptionHeaders.customerKeyMd5(request, ""), request.getHeader("x-amz-copy-source-range"), consistency(request)));
    EncryptionHeaders.writeEncryption(part.encryption(), response);
    XmlBody.write(response, new CopyObjectResult.CopyPartResult(S3Xml.timestamp(Instant.now()), "\"" + part.blob().md5Hex() + "\""));
  }

  void complete(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    CompleteMultipartUploadRequest parsed = XmlBody.read(request, CompleteMultipartUploadRequest.class);
    if (parsed.parts() == null) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
    List<ChosenPart> parts = parsed.parts().stream().map(p -> {
      if (p.partNumber() == null || p.etag() == null) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "every Part needs a PartNumber and an ETag");
      }
      return new ChosenPart(p.partNumber(), p.etag(), p.checksums());
    }).toList();
    ObjectService.Written written = multipart.complete(new CompleteRequest(bucket, key, S3Query.of(request).get("uploadId"),
        parts, ObjectHeaders.writeCondition(request), ObjectHeaders.statedChecksums(request),
        EncryptionHeaders.customerKeyMd5(request, ""), consistency(request)));
    BlobRef object = written.blob();
    ObjectHeaders.writtenVersion(written.versionId(), response);
    ObjectHeaders.writeExpiry(written.expiry(), response);
    EncryptionHeaders.writeEncryption(written.encryption(), response);
    String location = request.getRequestURL().toString();
    XmlBody.write(response, new CompleteMultipartUploadResult(location, bucket, key,
        object == null ? null : "\"" + object.md5Hex() + "\"", object == null ? null : Checksums.of(object.checksums())));
  }

  void abort(String bucket, String key, HttpServletRequest request, HttpServletResponse response) {
    multipart.abort(bucket, key, S3Query.of(request).get("uploadId"), consistency(request));
    response.setStatus(204);
  }

  void listParts(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    S3Query query = S3Query.of(request);
    String uploadId = query.get("uploadId");
    int maxParts = bounded(query.get("max-parts"), "max-parts");
    int marker = query.get("part-number-marker") == null ? 0 : nonNegative(query.get("part-number-marker"), "part-number-marker");
    List<PartRow> rows = new ArrayList<>(multipart.parts(bucket, key, uploadId, marker, maxParts + 1));
    boolean truncated = rows.size() > maxParts;
    if (truncated) {
      rows.remove(rows.size() - 1);
    }
    List<ListPartsResult.Part> parts = rows.stream().map(p -> new ListPartsResult.Part(p.partNumber(),
        S3Xml.timestamp(p.lastModified()), "\"" + p.etag() + "\"", p.size(), Checksums.ofPart(p.checksums()))).toList();
    Integer next = rows.isEmpty() ? null : rows.get(rows.size() - 1).partNumber();
    XmlBody.write(response, new ListPartsResult(bucket, key, uploadId, marker, next, maxParts, truncated, parts,
        Owners.shown(multipart.upload(bucket, key, uploadId).initiator()), bucketOwner(bucket), "STANDARD"));
  }

  /**
   * ListMultipartUploads. With a delimiter, uploads whose key has it past the prefix roll up into
   * one CommonPrefixes entry each, counting once toward max-uploads.
   */
  void listUploads(String bucket, HttpServletRequest request, HttpServletResponse response) throws IOException {
    S3Query query = S3Query.of(request);
    ListingRequest listing = ListingRequest.of(query); // prefix, delimiter and encoding-type as every listing reads them
    String prefix = listing.prefix() == null ? "" : listing.prefix();
    String delimiter = listing.delimiter();
    int maxUploads = bounded(query.get("max-uploads"), "max-uploads");
    String keyMarker = query.get("key-marker");
    String uploadIdMarker = query.get("upload-id-marker");
    Owner owner = bucketOwner(bucket);
    List<ListMultipartUploadsResult.Upload> uploads = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    boolean truncated = false;
    String lastKey = null;
    String lastUploadId = null;
    String cursorKey = keyMarker;
    String cursorId = uploadIdMarker;
    while (!truncated) {
      List<UploadRow> rows = multipart.uploads(bucket, prefix, cursorKey, cursorId, MAX_LISTED);
      if (rows.isEmpty()) {
        break;
      }
      for (UploadRow row : rows) {
        cursorKey = row.key();
        cursorId = row.uploadId();
        String common = delimiter == null ? null : commonPrefix(row.key(), prefix, delimiter);
        if (common != null && !prefixes.isEmpty() && prefixes.get(prefixes.size() - 1).equals(common)) {
          continue;
        }
        if (uploads.size() + prefixes.size() == maxUploads) {
          truncated = true;
          break;
        }
        if (common != null) {
          prefixes.add(common);
          lastKey = common;
          lastUploadId = null;
        } else {
          uploads.add(new ListMultipartUploadsResult.Upload(listing.show(row.key()), row.uploadId(), Owners.shown(row.initiator()), owner,
              "STANDARD", S3Xml.timestamp(row.initiatedAt())));
          lastKey = row.key();
          lastUploadId = row.uploadId();
        }
      }
    }
    XmlBody.write(response, new ListMultipartUploadsResult(bucket, keyMarker == null ? "" : listing.show(keyMarker),
        uploadIdMarker == null ? "" : uploadIdMarker, truncated ? listing.show(lastKey) : null, truncated ? lastUploadId : null,
        listing.show(prefix), listing.show(delimiter), maxUploads, truncated, uploads,
        prefixes.stream().map(p -> new ListBucketResult.CommonPrefix(listing.show(p))).toList(), listing.encodingType()));
  }

  private static String commonPrefix(String key, String prefix, String delimiter) {
    int at = key.indexOf(delimiter, prefix.length());
    return at < 0 ? null : key.substring(0, at + delimiter.length());
  }

  /** A non-negative integer parameter, capped at 1000 as S3 caps it; 1000 when absent. */
  private static int bounded(String value, String name) {
    return value == null ? MAX_LISTED : Math.min(nonNegative(value, name), MAX_LISTED);
  }

  private static int nonNegative(String value, String name) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the S3 error
    }
    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Provided " + name + " not an integer or within integer range");
  }

  private Consistency consistency(HttpServletRequest request) {
    return BucketEndpoint.consistency(request, defaultConsistency);
  }

  /** The bucket's owner, who owns its objects (and so every upload's object). */
  private Owner bucketOwner(String bucket) {
    return Owners.shown(buckets.require(bucket).owner());
  }
}
