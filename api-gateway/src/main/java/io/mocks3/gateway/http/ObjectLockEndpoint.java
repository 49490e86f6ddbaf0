package io.mocks3.gateway.http;

import io.mocks3.gateway.core.ObjectService;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.LegalHold;
import io.mocks3.gateway.http.xml.ObjectRetention;
import io.mocks3.gateway.http.xml.S3Xml;
import io.mocks3.schemas.command.SetObjectLock;
import io.mocks3.schemas.lock.ObjectLock;
import io.mocks3.schemas.s3.S3ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;

/**
 * One version's Object Lock: Get/PutObjectRetention ({@code ?retention}) and Get/PutObjectLegalHold
 * ({@code ?legal-hold}), {@code ?versionId} naming a version (else the current one). The lock is read
 * from the version's stored headers; a change goes through the log and the projector decides it.
 */
class ObjectLockEndpoint {
  static final String BYPASS_HEADER = "x-amz-bypass-governance-retention";
  private final ObjectService objects;

  ObjectLockEndpoint(ObjectService objects) {
    this.objects = objects;
  }

  void getRetention(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    ObjectLock lock = lockOf(bucket, key, request);
    if (lock == null || lock.mode() == null) {
      throw new S3Exception(S3ErrorCode.NO_SUCH_OBJECT_LOCK_CONFIGURATION);
    }
    XmlBody.write(response, new ObjectRetention(lock.mode(), S3Xml.timestamp(lock.retainUntil())));
  }

  void putRetention(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    ObjectRetention retention = XmlBody.read(request, ObjectRetention.class);
    String mode = retention.mode();
    String until = retention.retainUntilDate();
    if ((mode == null) != (until == null) || mode != null && !ObjectLock.isMode(mode)) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A Retention has a Mode (GOVERNANCE or COMPLIANCE) and a RetainUntilDate");
    }
    Instant retainUntil = until == null ? null : ObjectHeaders.retainUntil(until, S3ErrorCode.MALFORMED_XML);
    objects.setLock(bucket, key, ObjectEndpoint.versionId(S3Query.of(request)), new SetObjectLock.Retention(mode, retainUntil),
        null, bypassGovernance(request));
    response.setStatus(200);
  }

  void getLegalHold(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    ObjectLock lock = lockOf(bucket, key, request);
    if (lock == null || lock.legalHold() == null) {
      throw new S3Exception(S3ErrorCode.NO_SUCH_OBJECT_LOCK_CONFIGURATION);
    }
    XmlBody.write(response, new LegalHold(lock.legalHold()));
  }

  void putLegalHold(String bucket, String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String status = XmlBody.read(request, LegalHold.class).status();
    if (!ObjectLock.isLegalHold(status)) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A LegalHold's Status is ON or OFF");
    }
    objects.setLock(bucket, key, ObjectEndpoint.versionId(S3Query.of(request)), null, status, false);
    response.setStatus(200);
  }

  /** {@code x-amz-bypass-governance-retention: true}: the request may shorten or remove a GOVERNANCE retention. */
  static boolean bypassGovernance(HttpServletRequest request) {
    String value = request.getHeader(BYPASS_HEADER);
    return value != null && value.trim().equalsIgnoreCase("true");
  }

  /** The lock of the version the request names; InvalidRequest when the bucket does not have Object Lock. */
  private ObjectLock lockOf(String bucket, String key, HttpServletRequest request) {
    String versionId = ObjectEndpoint.versionId(S3Query.of(request));
    ObjectLock lock = ObjectLock.of(objects.get(bucket, key, versionId).row().headers());
    if (!objects.objectLocked(bucket)) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Bucket is missing Object Lock Configuration");
    }
    return lock;
  }
}
