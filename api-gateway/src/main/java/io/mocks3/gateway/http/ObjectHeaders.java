package io.mocks3.gateway.http;

import io.mocks3.gateway.core.ReadConditions;
import io.mocks3.gateway.http.xml.Checksums;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.readmodel.ObjectRow;
import io.mocks3.schemas.Versioning;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import io.mocks3.schemas.command.ObjectMetadata;
import io.mocks3.schemas.command.UploadChecksum;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.acl.Acls;
import io.mocks3.schemas.lock.ObjectLock;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Expiry;
import io.mocks3.schemas.sse.Encryption;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The mapping between HTTP headers and what S3 stores and returns with an object. */
final class ObjectHeaders {
  /** Standard headers S3 stores with an object and returns on GET/HEAD. */
  static final List<String> STORED_HEADERS =
      List.of("Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires");
  /** GET's {@code response-*} query parameters and the header each overrides. */
  private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
      "response-content-type", "Content-Type",
      "response-content-language", "Content-Language",
      "response-expires", "Expires",
      "response-cache-control", "Cache-Control",
      "response-content-disposition", "Content-Disposition",
      "response-content-encoding", "Content-Encoding");
  static final int MAX_OBJECT_TAGS = 10;
  private static final String USER_META = "x-amz-meta-";

  private ObjectHeaders() {}

  static ObjectMetadata metadataOf(HttpServletRequest request) {
    Map<String, String> headers = new TreeMap<>();
    for (String name : STORED_HEADERS) {
      String value = request.getHeader(name);
      if (name.equals("Content-Encoding") && value != null) {
        value = withoutAwsChunked(value);
      }
      if (value != null && !value.isEmpty()) {
        headers.put(name, value);
      }
    }
    Map<String, String> user = new TreeMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith(USER_META) && lower.length() > USER_META.length()) {
        String value = String.join(",", Collections.list(request.getHeaders(name)));
        user.put(lower.substring(USER_META.length()), MimeHeaderValues.decode(value));
      }
    }
    ObjectMetadata metadata = new ObjectMetadata(request.getHeader("Content-Type"), headers, user, taggingHeader(request))
        .withLock(lockOf(request));
    Encryption encryption = EncryptionHeaders.encryptionOf(request);
    String customerKey = EncryptionHeaders.customerKeyMd5(request, "");
    return encryption != null ? metadata.withEncryption(encryption)
        : customerKey != null ? metadata.withHeaders(Encryption.HEADERS, Encryption.customerHeaders(customerKey)) : metadata;
  }

  /**
   * The Object Lock a write asks for ({@code x-amz-object-lock-mode} with
   * {@code x-amz-object-lock-retain-until-date}, {@code x-amz-object-lock-legal-hold}); null for none.
   * Whether the bucket allows it is the projector's decision.
   */
  static ObjectLock lockOf(HttpServletRequest request) {
    String mode = request.getHeader(ObjectLock.MODE_HEADER);
    String until = request.getHeader(ObjectLock.UNTIL_HEADER);
    String hold = request.getHeader(ObjectLock.HOLD_HEADER);
    if ((mode == null) != (until == null)) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
    }
    if (mode != null && !ObjectLock.isMode(mode)) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unknown wormMode directive.");
    }
    if (hold != null && !ObjectLock.isLegalHold(hold)) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Legal Hold must be either of 'ON' or 'OFF'");
    }
    Instant retainUntil = until == null ? null : retainUntil(until, S3ErrorCode.INVALID_ARGUMENT);
    return mode == null && hold == null ? null : new ObjectLock(mode, retainUntil, hold);
  }

  /**
   * A retain-until date as a request states it: ISO 8601 with an offset, in the future; {@code malformed}
   * when it does not read, InvalidArgument when it has passed.
   */
  static Instant retainUntil(String value, S3ErrorCode malformed) {
    Instant until;
    try {
      until = ObjectLock.parseDate(value);
    } catch (DateTimeParseException e) {
      throw new S3Exception(malformed, "The retain until date must be provided in ISO 8601 format");
    }
    if (!until.isAfter(Instant.now())) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The retain until date must be in the future!");
    }
    return until;
  }

  /** The {@code x-amz-tagging} header ({@code k1=v1&k2=v2}, URL-encoded), validated; empty when absent. */
  static Map<String, String> taggingHeader(HttpServletRequest request) {
    String header = request.getHeader("x-amz-tagging");
    Map<String, String> tags = new LinkedHashMap<>();
    if (header == null || header.isEmpty()) {
      return tags;
    }
    for (String pair : header.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = formDecoded(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : formDecoded(pair.substring(eq + 1));
      if (tags.put(key, value) != null) {
        throw new S3Exception(S3ErrorCode.INVALID_TAG, "Cannot provide multiple Tags with the same key");
      }
    }
    return validTags(tags, MAX_OBJECT_TAGS);
  }

  private static String formDecoded(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) { // a '%' not followed by two hex digits
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.");
    }
  }

  /** S3's tag limits: at most {@code max} tags, keys of 1..128 and values of 0..256 characters. */
  static Map<String, String> validTags(Map<String, String> tags, int max) {
    if (tags.size() > max) {
      throw new S3Exception(S3ErrorCode.INVALID_TAG, "Object tags cannot be greater than " + max);
    }
    tags.forEach((key, value) -> {
      if (key == null || key.isEmpty() || key.codePointCount(0, key.length()) > 128) {
        throw new S3Exception(S3ErrorCode.INVALID_TAG, "The TagKey you have provided is invalid");
      }
      if (value != null && value.codePointCount(0, value.length()) > 256) {
        throw new S3Exception(S3ErrorCode.INVALID_TAG, "The TagValue you have provided is invalid");
      }
    });
    return tags;
  }

  /** If-Match / If-None-Match of a PUT or CompleteMultipartUpload. S3 supports If-None-Match only as {@code *}. */
  static WriteCondition writeCondition(HttpServletRequest request) {
    String ifMatch = request.getHeader("If-Match");
    String ifNoneMatch = request.getHeader("If-None-Match");
    if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "If-None-Match on writes supports only the value *");
    }
    return new WriteCondition(ifMatch, ifNoneMatch != null);
  }

  /**
   * The checksum a CreateMultipartUpload declares ({@code x-amz-checksum-algorithm}, optional
   * {@code x-amz-checksum-type}, defaulted as S3 does); null for none. S3's combinations only:
   * FULL_OBJECT for CRCs, COMPOSITE for all but CRC64NVME.
   */
  static UploadChecksum uploadChecksum(HttpServletRequest request) {
    String named = request.getHeader("x-amz-checksum-algorithm");
    String type = request.getHeader("x-amz-checksum-type");
    if (named == null) {
      if (type != null) {
        throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
            "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
      }
      return null;
    }
    ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(named);
    if (algorithm == null) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Checksum algorithm provided is unsupported. Please try again with "
          + "any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
    }
    if (type == null) {
      return UploadChecksum.withDefaultType(algorithm);
    }
    boolean fullObject = type.trim().equalsIgnoreCase(UploadChecksum.FULL_OBJECT);
    if (!fullObject && !type.trim().equalsIgnoreCase(UploadChecksum.COMPOSITE)) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Value for x-amz-checksum-type header is invalid.");
    }
    boolean crc = algorithm == ChecksumAlgorithm.CRC32 || algorithm == ChecksumAlgorithm.CRC32C
        || algorithm == ChecksumAlgorithm.CRC64NVME;
    boolean allowed = fullObject ? crc : algorithm != ChecksumAlgorithm.CRC64NVME;
    if (!allowed) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The " + type.trim().toUpperCase(Locale.ROOT)
          + " checksum type cannot be used with the " + algorithm.name().toLowerCase(Locale.ROOT) + " checksum algorithm.");
    }
    return new UploadChecksum(algorithm, fullObject);
  }

  /** The whole object's {@code x-amz-checksum-*} values a CompleteMultipartUpload states, by algorithm. */
  static Map<ChecksumAlgorithm, String> statedChecksums(HttpServletRequest request) {
    Map<ChecksumAlgorithm, String> stated = new java.util.EnumMap<>(ChecksumAlgorithm.class);
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      String value = request.getHeader(algorithm.header());
      if (value != null && !value.isBlank()) {
        stated.put(algorithm, value.trim());
      }
    }
    return stated;
  }

  /** The read preconditions, plain ({@code prefix} "") or of a copy source ("x-amz-copy-source-"). */
  static ReadConditions readConditions(HttpServletRequest request, String prefix) {
    return new ReadConditions(request.getHeader(prefix + "If-Match"), request.getHeader(prefix + "If-None-Match"),
        request.getHeader(prefix + "If-Modified-Since"), request.getHeader(prefix + "If-Unmodified-Since"));
  }

  /** The headers of a GET/HEAD answer: ETag, dates, content, stored headers, user metadata, tag count. */
  static void write(ObjectRow row, HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("ETag", "\"" + row.etag() + "\"");
    response.setHeader("Last-Modified", HttpDates.format(row.lastModified()));
    response.setHeader("Accept-Ranges", "bytes");
    response.setHeader("Content-Type", row.contentType());
    row.headers().forEach((name, value) -> {
      if (!Acls.isAclHeader(name)) { // stored with the version, never answered
        response.setHeader(name, value);
      }
    });
    if (!row.headers().containsKey(Encryption.HEADER) && !row.headers().containsKey(Encryption.CUSTOMER_KEY_MD5_HEADER)) {
      response.setHeader(Encryption.HEADER, Encryption.AES256); // S3 encrypts every object, since 2023
    }
    row.userMetadata().forEach((name, value) -> response.setHeader(USER_META + name, MimeHeaderValues.encode(value)));
    if (!row.tags().isEmpty()) {
      response.setHeader("x-amz-tagging-count", String.valueOf(row.tags().size()));
    }
    if (row.parts() != null) {
      response.setHeader("x-amz-mp-parts-count", String.valueOf(row.parts().size()));
    }
    S3Query query = S3Query.of(request);
    RESPONSE_OVERRIDES.forEach((parameter, header) -> {
      String value = query.get(parameter);
      if (value != null) {
        response.setHeader(header, value);
      }
    });
  }

  /**
   * {@code x-amz-expiration} as S3 answers it: {@code expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="rule"},
   * when the bucket's lifecycle rules expire the object.
   */
  static void writeExpiry(Expiry expiry, HttpServletResponse response) {
    if (expiry != null) {
      response.setHeader("x-amz-expiration", "expiry-date=\"" + HttpDates.format(expiry.at()) + "\", rule-id=\""
          + expiry.ruleId() + "\"");
    }
  }

  /**
   * {@code x-amz-version-id} of a write's answer (PUT, POST, copy, CompleteMultipartUpload): the new
   * version's id in a bucket with versioning enabled. A write in a suspended bucket makes the "null"
   * version, and S3 answers it without the header (a later GET or HEAD of it says "null"); a bucket
   * that never had versioning gives no id at all.
   */
  static void writtenVersion(String versionId, HttpServletResponse response) {
    if (versionId != null && !versionId.equals(Versioning.NULL_VERSION)) {
      response.setHeader("x-amz-version-id", versionId);
    }
  }

  /**
   * The stored checksums as {@code x-amz-checksum-*} headers, with their type: COMPOSITE for a
   * multipart object's ("-N" suffix), FULL_OBJECT otherwise.
   */
  static void writeChecksums(Map<ChecksumAlgorithm, String> checksums, HttpServletResponse response) {
    writeChecksums(checksums, Checksums.typeOf(checksums), response);
  }

  /** The checksum headers with {@code type} as their {@code x-amz-checksum-type} (a part's, under its object's type). */
  static void writeChecksums(Map<ChecksumAlgorithm, String> checksums, String type, HttpServletResponse response) {
    checksums.forEach((algorithm, value) -> response.setHeader(algorithm.header(), value));
    if (!checksums.isEmpty() && type != null) {
      response.setHeader("x-amz-checksum-type", type);
    }
  }

  /**
   * The Content-Encoding stored for the object: the client's own value, less the {@code aws-chunked}
   * that only framed the upload (S3 keeps "deflate, gzip" as written, and "aws-chunked, gzip" as
   * "gzip").
   */
  static String withoutAwsChunked(String contentEncoding) {
    List<String> codings = Arrays.stream(contentEncoding.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    List<String> kept = codings.stream().filter(e -> !e.equalsIgnoreCase("aws-chunked")).toList();
    return kept.size() == codings.size() ? contentEncoding.trim() : String.join(", ", kept);
  }
}
