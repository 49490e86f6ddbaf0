package io.mocks3.gateway.http;

import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.schemas.sse.Encryption;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * Server-side encryption on the wire ({@link Encryption}): what a request names, SSE-S3 or SSE-KMS
 * ({@code x-amz-server-side-encryption}) or an SSE-C key, checked as S3 checks them, and what a
 * write answers.
 */
final class EncryptionHeaders {
  private EncryptionHeaders() {}

  /**
   * The MD5 of the SSE-C key a request sends ({@code prefix} "" for the object it writes or reads,
   * "x-amz-copy-source-" for a copy's source), checked as S3 checks it: the algorithm AES256, the key
   * 256 bits in base64, its MD5 stated and right; null when it sends none.
   */
  static String customerKeyMd5(HttpServletRequest request, String prefix) {
    String algorithm = request.getHeader(named(prefix, Encryption.CUSTOMER_ALGORITHM_HEADER));
    String key = request.getHeader(named(prefix, Encryption.CUSTOMER_KEY_HEADER));
    String md5 = request.getHeader(named(prefix, Encryption.CUSTOMER_KEY_MD5_HEADER));
    if (algorithm == null && key == null && md5 == null) {
      return null;
    }
    if (algorithm == null || !algorithm.trim().equals(Encryption.AES256)) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Requests specifying Server Side Encryption with Customer provided "
          + "keys must provide a valid encryption algorithm.");
    }
    byte[] secret;
    try {
      secret = key == null ? null : Base64.getDecoder().decode(key.trim());
    } catch (IllegalArgumentException e) {
      secret = null;
    }
    if (secret == null || secret.length != 32) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The secret key was invalid for the specified algorithm.");
    }
    if (md5 == null) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Requests specifying Server Side Encryption with Customer provided "
          + "keys must provide the client calculated MD5 of the secret key.");
    }
    String actual;
    try {
      actual = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(secret));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
    if (!actual.equals(md5.trim())) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The calculated MD5 hash of the key did not match the hash that was provided.");
    }
    return actual;
  }

  /** {@code x-amz-server-side-encryption-customer-key} under {@code x-amz-copy-source-} is {@code x-amz-copy-source-server-side-...}. */
  private static String named(String prefix, String header) {
    return prefix.isEmpty() ? header : prefix + header.substring("x-amz-".length());
  }

  /**
   * The server-side encryption a write names ({@code x-amz-server-side-encryption} with its KMS key id
   * and bucket-key flag); null for none. SSE-C's customer keys are not taken with it.
   */
  static Encryption encryptionOf(HttpServletRequest request) {
    String algorithm = request.getHeader(Encryption.HEADER);
    String kmsKey = request.getHeader(Encryption.KMS_KEY_HEADER);
    String bucketKey = request.getHeader(Encryption.BUCKET_KEY_HEADER);
    if (algorithm == null) {
      if (kmsKey != null) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
            "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms");
      }
      return null;
    }
    if (request.getHeader("x-amz-server-side-encryption-customer-algorithm") != null) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "Server Side Encryption with Customer provided key is incompatible with the encryption method specified");
    }
    if (!Encryption.ALGORITHMS.contains(algorithm.trim())) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The encryption method specified is not supported");
    }
    if (kmsKey != null && !Encryption.isKms(algorithm.trim())) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
          "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms");
    }
    return new Encryption(algorithm.trim(), kmsKey, bucketKey == null ? null : Boolean.valueOf(bucketKey.trim()));
  }

  /** A write's answer names its encryption ({@link Encryption#answered}), as S3's do. */
  static void writeEncryption(Map<String, String> encryption, HttpServletResponse response) {
    encryption.forEach(response::setHeader);
  }

}
