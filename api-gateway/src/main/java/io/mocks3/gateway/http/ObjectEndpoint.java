package io.mocks3.gateway.http;

import io.mocks3.gateway.history.HistoryCapture;
import io.mocks3.gateway.core.ByteRange;
import io.mocks3.gateway.core.Consistency;
import io.mocks3.gateway.core.CopyRequest;
import io.mocks3.gateway.core.CustomerKeys;
import io.mocks3.gateway.core.ObjectService;
import io.mocks3.gateway.core.PutRequest;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.core.StoredObject;
import io.mocks3.gateway.http.xml.Checksums;
import io.mocks3.gateway.http.xml.CopyObjectResult;
import io.mocks3.gateway.http.xml.Delete;
import io.mocks3.gateway.http.xml.DeleteResult;
import io.mocks3.gateway.http.xml.GetObjectAttributesResponse;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.gateway.http.xml.Tagging;
import io.mocks3.readmodel.ObjectRow;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.sse.Encryption;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Object-level operations: Put, Copy, Get/Head, Delete, tagging and attributes. */
class ObjectEndpoint {
  private static final int MAX_DELETE_KEYS = 1000;
  private static final Set<String> ATTRIBUTES = Set.of("ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize");
  private final ObjectService objects;
  private final AclEndpoint acls;
  private final Consistency defaultConsistency;
  /** Version ids are the ids of the commands that wrote them: UUIDs. */
  private static final Pattern VERSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  ObjectEndpoint(ObjectService objects, AclEndpoint acls, Consistency defaultConsistency) {
    this.objects = objects;
    this.acls = acls;
    this.defaultConsistency = defaultConsistency;
  }

  void put(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    ObjectService.Written written;
    try (RequestBody body = RequestBody.ofObjectData(request)) {
      PutRequest put = new PutRequest(bucket, key, ObjectHeaders.metadataOf(request).withAcl(acls.forWrite(bucket, request)),
          body.integrity(),
          ObjectHeaders.writeCondition(request), consistency(request));
      written = objects.put(put, body.stream());
    }
    response.setHeader("ETag", "\"" + written.blob().md5Hex() + "\"");
    ObjectHeaders.writtenVersion(written.versionId(), response);
    ObjectHeaders.writeExpiry(written.expiry(), response);
    EncryptionHeaders.writeEncryption(written.encryption(), response);
    ObjectHeaders.writeChecksums(written.blob().checksums(), response);
    response.setStatus(200);
  }

  /** {@code x-amz-version-id} of a read or a delete, sent for objects of buckets that have (had) versioning. */
  private static void versionHeader(String versionId, HttpServletResponse response) {
    if (versionId != null) {
      response.setHeader("x-amz-version-id", versionId);
    }
  }

  /**
   * The request's {@code versionId}: null when absent; "null" or one of ours (a UUID), else
   * InvalidArgument as in S3.
   */
  static String versionId(S3Query query) {
    return checkedVersionId(query.get("versionId"));
  }

  private static String checkedVersionId(String version) {
    if (version == null || version.equals(Versioning.NULL_VERSION) || VERSION_ID.matcher(version).matches()) {
      return version;
    }
    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid version id specified");
  }

  void copy(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    CopySource source = CopySource.parse(request.getHeader("x-amz-copy-source"));
    boolean replace = directive(request, "x-amz-metadata-directive");
    ObjectMetadata requested = ObjectHeaders.metadataOf(request);
    Map<String, String> tags = directive(request, "x-amz-tagging-directive") ? ObjectHeaders.taggingHeader(request) : null;
    ObjectService.Copied copied = objects.copy(new CopyRequest(source.bucket(), source.key(), source.versionId(),
        ObjectHeaders.readConditions(request, "x-amz-copy-source-"),
        EncryptionHeaders.customerKeyMd5(request, "x-amz-copy-source-"), bucket, key, replace ? requested : null, tags,
        requested.withAcl(acls.forWrite(bucket, request)), ObjectHeaders.writeCondition(request), consistency(request)));
    ObjectHeaders.writtenVersion(copied.versionId(), response);
    ObjectHeaders.writeExpiry(copied.expiry(), response);
    EncryptionHeaders.writeEncryption(copied.encryption(), response);
    if (source.versionId() != null || copied.sourceVersionId() != null) {
      response.setHeader("x-amz-copy-source-version-id",
          Versioning.idOf(copied.sourceVersionId()));
    }
    // A copy answers its ETag in the body, not in a header: the history needs it to know the copy's content.
    HistoryCapture.written(request, "\"" + copied.blob().md5Hex() + "\"");
    XmlBody.write(response, new CopyObjectResult(S3Xml.timestamp(copied.lastModified()), "\"" + copied.blob().md5Hex() + "\"",
        Checksums.of(copied.blob().checksums())));
  }

  /** True for REPLACE, false for COPY (the default); anything else is InvalidArgument. */
  private static boolean directive(HttpServletRequest request, String header) {
    String value = request.getHeader(header);
    if (value == null || value.equalsIgnoreCase("COPY")) {
      return false;
    }
    if (value.equalsIgnoreCase("REPLACE")) {
      return true;
    }
    throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unknown " + header + " value: " + value);
  }

  void get(String bucket, String key, HttpServletRequest request, HttpServletResponse response, boolean withBody)
      throws IOException {
    if (request.getHeader(Encryption.HEADER) != null) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "x-amz-server-side-encryption header is not supported for this operation.");
    }
    StoredObject object = readVersion(bucket, key, request, response);
    ObjectRow row = object.row();
    CustomerKeys.check(row, EncryptionHeaders.customerKeyMd5(request, ""));
    switch (ObjectHeaders.readConditions(request, "").evaluate(row.etag(), row.lastModified())) {
      case PRECONDITION_FAILED -> throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
      case NOT_MODIFIED -> {
        response.setHeader("ETag", "\"" + row.etag() + "\"");
        response.setHeader("Last-Modified", HttpDates.format(row.lastModified()));
        response.setStatus(304);
        return;
      }
      case PROCEED -> { }
    }
    Integer part = partNumber(request);
    Optional<ByteRange> range = range(row, request, part);
    ObjectHeaders.write(row, request, response);
    ObjectHeaders.writeExpiry(object.expiry(), response);
    if ("ENABLED".equalsIgnoreCase(request.getHeader("x-amz-checksum-mode"))) {
      if (part != null && range.isPresent()) {
        // One part of it: that part's own checksums, under the whole object's checksum type (as S3 answers).
        ObjectHeaders.writeChecksums(row.content().get(part - 1).checksums(), Checksums.typeOf(row.checksums()), response);
      } else if (range.isEmpty()) {
        ObjectHeaders.writeChecksums(row.checksums(), response);
      }
    }
    if (range.isPresent()) {
      response.setStatus(206);
      response.setHeader("Content-Range", range.get().contentRange(row.size()));
    } else {
      response.setStatus(200);
    }
    long length = range.map(ByteRange::length).orElse(row.size());
    response.setContentLengthLong(length);
    if (!withBody || length == 0) {
      return;
    }
    try (InputStream in = objects.open(object, range.orElse(null)); OutputStream out = response.getOutputStream()) {
      in.transferTo(out);
    }
  }

  /** The request's {@code ?partNumber}, null when absent. */
  private static Integer partNumber(HttpServletRequest request) {
    String partNumber = S3Query.of(request).get("partNumber");
    if (partNumber == null) {
      return null;
    }
    if (request.getHeader("Range") != null) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Cannot specify both Range header and partNumber query parameter");
    }
    try {
      return Integer.parseInt(partNumber);
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, inclusive");
    }
  }

  /** The bytes asked for: one part ({@code part}, from ?partNumber), a {@code Range}, or all (empty). */
  private static Optional<ByteRange> range(ObjectRow row, HttpServletRequest request, Integer part) {
    if (part == null) {
      return ByteRange.parse(request.getHeader("Range"), row.size());
    }
    if (row.size() == 0 && part == 1) {
      return Optional.empty();
    }
    return Optional.of(ObjectService.partRange(row, part));
  }

  void requireExisting(String bucket, String key) {
    objects.get(bucket, key);
  }

  void delete(String bucket, String key, HttpServletRequest request, HttpServletResponse response) {
    ObjectService.Deletion deletion =
        objects.delete(bucket, new ObjectService.Deletable(key, versionId(S3Query.of(request))),
            ObjectLockEndpoint.bypassGovernance(request), consistency(request));
    versionHeader(deletion.versionId(), response);
    if (deletion.deleteMarker()) {
      response.setHeader("x-amz-delete-marker", "true");
    }
    response.setStatus(204);
  }

  /** DeleteObjects: up to 1000 keys in one request and one round of the log; quiet mode lists errors only. */
  void deleteObjects(String bucket, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Delete delete = XmlBody.read(request, Delete.class);
    List<Delete.ObjectIdentifier> named = delete.objects() == null ? List.of() : delete.objects();
    if (named.isEmpty() || named.size() > MAX_DELETE_KEYS) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A DeleteObjects request names 1 to " + MAX_DELETE_KEYS + " objects");
    }
    List<ObjectService.Deletable> targets = new ArrayList<>();
    for (Delete.ObjectIdentifier object : named) {
      if (object.key() == null) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Every Object needs a Key");
      }
      String version = object.versionId() == null || object.versionId().isEmpty() ? null : checkedVersionId(object.versionId());
      targets.add(new ObjectService.Deletable(object.key(), version));
    }
    boolean quiet = Boolean.TRUE.equals(delete.quiet());
    List<DeleteResult.Deleted> deleted = new ArrayList<>();
    List<DeleteResult.Error> errors = new ArrayList<>();
    for (ObjectService.Deletion d : objects.deleteAll(bucket, targets, ObjectLockEndpoint.bypassGovernance(request),
        consistency(request))) {
      boolean versionNamed = targets.stream().anyMatch(t -> t.key().equals(d.key()) && t.versionId() != null);
      if (!versionNamed) {
        HistoryCapture.deleted(request, d.key(), d.commandId(), d.error() == null);
      }
      if (d.error() != null) {
        errors.add(new DeleteResult.Error(d.key(), d.versionId(), d.error().code(), d.message()));
      } else if (!quiet) {
        // A delete without a version id that made a marker reports the marker; one naming a version reports it.
        deleted.add(new DeleteResult.Deleted(d.key(), versionNamed ? d.versionId() : null,
            d.deleteMarker() ? Boolean.TRUE : null, d.deleteMarker() ? d.versionId() : null));
      }
    }
    XmlBody.write(response, new DeleteResult(deleted, errors));
  }

  void getTagging(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    XmlBody.write(response, toTagging(readVersion(bucket, key, request, response).row().tags()));
  }

  void putTagging(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Map<String, String> tags = fromTagging(XmlBody.read(request, Tagging.class), ObjectHeaders.MAX_OBJECT_TAGS);
    String versionId = versionId(S3Query.of(request));
    objects.setTags(bucket, key, versionId, tags, consistency(request));
    versionHeader(versionId, response);
    response.setStatus(200);
  }

  void deleteTagging(String bucket, String key, HttpServletRequest request, HttpServletResponse response) {
    String versionId = versionId(S3Query.of(request));
    objects.setTags(bucket, key, versionId, Map.of(), consistency(request));
    versionHeader(versionId, response);
    response.setStatus(204);
  }

  /**
   * The object a read names: the current version, or {@code ?versionId}'s; sets x-amz-version-id.
   * An eventual read ({@code x-mocks3-consistency: eventual}, or the gateway's default) may be
   * answered from the metadata cache.
   */
  private StoredObject readVersion(String bucket, String key, HttpServletRequest request, HttpServletResponse response) {
    String versionId = versionId(S3Query.of(request));
    StoredObject object = objects.get(bucket, key, versionId, consistency(request));
    String stored = object.row().versionId();
    versionHeader(stored == null && versionId != null ? Versioning.NULL_VERSION : stored, response);
    return object;
  }

  /**
   * An object's tags as GetObjectTagging answers them, in the order of their keys: the read model
   * keeps them as a JSON object, which PostgreSQL reorders (shortest key first), so no other order
   * could be the one the client wrote.
   */
  static Tagging toTagging(Map<String, String> tags) {
    return Tagging.of(new TreeMap<>(tags).entrySet().stream().map(e -> new Tagging.Tag(e.getKey(), e.getValue())).toList());
  }

  static Map<String, String> fromTagging(Tagging tagging, int max) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tagging.Tag tag : tagging.tags()) {
      if (tag.key() == null) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Every Tag needs a Key");
      }
      if (tags.put(tag.key(), tag.value() == null ? "" : tag.value()) != null) {
        throw new S3Exception(S3ErrorCode.INVALID_TAG, "Cannot provide multiple Tags with the same key");
      }
    }
    return ObjectHeaders.validTags(tags, max);
  }

  void attributes(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    // SDKs send the list as one comma-separated header or as one header per attribute.
    Set<String> wanted = java.util.Collections.list(request.getHeaders("x-amz-object-attributes")).stream()
        .flatMap(header -> Arrays.stream(header.split(",")))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
    if (wanted.isEmpty()) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
          "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty");
    }
    for (String attribute : wanted) {
      if (!ATTRIBUTES.contains(attribute)) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid attribute name specified: " + attribute);
      }
    }
    ObjectRow row = readVersion(bucket, key, request, response).row();
    CustomerKeys.check(row, EncryptionHeaders.customerKeyMd5(request, ""));
    GetObjectAttributesResponse.ObjectParts parts = null;
    if (wanted.contains("ObjectParts") && row.parts() != null) {
      int maxParts = intHeader(request, "x-amz-max-parts", 1000);
      int marker = intHeader(request, "x-amz-part-number-marker", 0);
      List<GetObjectAttributesResponse.Part> listed = new ArrayList<>();
      for (int n = marker + 1; n <= row.parts().size() && listed.size() < maxParts; n++) {
        BlobRef part = row.parts().get(n - 1);
        listed.add(new GetObjectAttributesResponse.Part(n, part.size(), Checksums.ofPart(part.checksums())));
      }
      int next = listed.isEmpty() ? marker : listed.get(listed.size() - 1).partNumber();
      parts = new GetObjectAttributesResponse.ObjectParts(row.parts().size(), marker, next, maxParts,
          next < row.parts().size(), listed);
    }
    response.setHeader("Last-Modified", HttpDates.format(row.lastModified()));
    XmlBody.write(response, new GetObjectAttributesResponse(
        wanted.contains("ETag") ? row.etag() : null,
        wanted.contains("Checksum") && !row.checksums().isEmpty() ? Checksums.of(row.checksums()) : null,
        parts,
        wanted.contains("StorageClass") ? "STANDARD" : null,
        wanted.contains("ObjectSize") ? row.size() : null));
  }

  private static int intHeader(HttpServletRequest request, String name, int fallback) {
    String value = request.getHeader(name);
    try {
      return value == null ? fallback : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, name + " must be an integer");
    }
  }

  private Consistency consistency(HttpServletRequest request) {
    return BucketEndpoint.consistency(request, defaultConsistency);
  }

  /** The object {@code x-amz-copy-source} names: {@code [/]bucket/key[?versionId=...]}, percent-encoded. */
  record CopySource(String bucket, String key, String versionId) {
    static CopySource parse(String header) {
      String value = header.trim();
      int query = value.indexOf('?');
      String version = null;
      if (query >= 0) {
        version = ObjectEndpoint.versionId(S3Query.parse(value.substring(query + 1)));
        value = value.substring(0, query);
      }
      String decoded = percentDecode(value.startsWith("/") ? value.substring(1) : value);
      int slash = decoded.indexOf('/');
      if (slash <= 0 || slash == decoded.length() - 1) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
      }
      return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1), version);
    }

    /** RFC 3986 percent-decoding: unlike form decoding, '+' stays a plus. */
    private static String percentDecode(String value) {
      try {
        return java.net.URLDecoder.decode(value.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid copy source encoding");
      }
    }
  }
}
