package io.mocks3.gateway.http;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Presigned URLs: MockS3 checks no signature (any credentials are accepted) but honours the
 * expiry a presigned URL carries, SigV4 ({@code X-Amz-Date} + {@code X-Amz-Expires}) or SigV2
 * ({@code Expires}, epoch seconds), as S3 does: an expired URL is 403 AccessDenied.
 */
final class PresignedUrls {
  static final long MAX_EXPIRES_SECONDS = 604_800;
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private PresignedUrls() {}

  static void checkNotExpired(S3Query query, Instant now) {
    String expires = query.get("X-Amz-Expires");
    String date = query.get("X-Amz-Date");
    if (query.has("X-Amz-Signature") || expires != null) {
      if (expires == null || date == null) {
        return;
      }
      long seconds = number(expires, "X-Amz-Expires");
      if (seconds < 0 || seconds > MAX_EXPIRES_SECONDS) {
        throw new S3Exception(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
            "X-Amz-Expires must be less than a week (in seconds) that is 604800");
      }
      Instant signed;
      try {
        signed = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new S3Exception(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
            "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
      }
      // Valid for X-Amz-Expires seconds from X-Amz-Date, that second excluded: a URL signed with 0 is expired at
      // once, as s3-tests expects (it used to be accepted for the rest of the second it was signed in).
      if (!now.isBefore(signed.plusSeconds(seconds))) {
        throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Request has expired");
      }
    } else if (query.has("AWSAccessKeyId") && query.get("Expires") != null) {
      if (now.isAfter(Instant.ofEpochSecond(number(query.get("Expires"), "Expires")))) {
        throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Request has expired");
      }
    }
  }

  private static long number(String value, String name) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, name + " should be a number");
    }
  }
}
