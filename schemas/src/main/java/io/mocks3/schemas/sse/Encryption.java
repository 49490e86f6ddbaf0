package io.mocks3.schemas.sse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Server-side encryption as S3 answers it: an object's {@code x-amz-server-side-encryption} (AES256,
 * aws:kms or aws:kms:dsse), its KMS key id and bucket-key flag, kept among its stored headers as the
 * request (or its bucket's default encryption) named them; an object without them answers AES256, S3's
 * default since 2023. With a customer-provided key (SSE-C) the object keeps the key's algorithm and
 * MD5 instead (never the key), and is read only with that key. MockS3 answers encryption, it does
 * not perform it: bytes rest as they came. A bucket's default is its configuration of kind {@link #KIND}.
 */
public record Encryption(String algorithm, String kmsKeyId, Boolean bucketKeyEnabled) {
  public static final String KIND = "encryption";
  public static final String HEADER = "x-amz-server-side-encryption";
  public static final String KMS_KEY_HEADER = "x-amz-server-side-encryption-aws-kms-key-id";
  public static final String BUCKET_KEY_HEADER = "x-amz-server-side-encryption-bucket-key-enabled";
  public static final String CUSTOMER_ALGORITHM_HEADER = "x-amz-server-side-encryption-customer-algorithm";
  public static final String CUSTOMER_KEY_HEADER = "x-amz-server-side-encryption-customer-key";
  public static final String CUSTOMER_KEY_MD5_HEADER = "x-amz-server-side-encryption-customer-key-MD5";
  /** Every stored header of an object's encryption. */
  public static final List<String> HEADERS = List.of(HEADER, KMS_KEY_HEADER, BUCKET_KEY_HEADER, CUSTOMER_ALGORITHM_HEADER,
      CUSTOMER_KEY_MD5_HEADER);
  public static final String AES256 = "AES256";
  public static final Set<String> ALGORITHMS = Set.of(AES256, "aws:kms", "aws:kms:dsse");

  public Encryption {
    if (!ALGORITHMS.contains(algorithm)) {
      throw new IllegalArgumentException("the encryption algorithm is AES256, aws:kms or aws:kms:dsse, not " + algorithm);
    }
    if (kmsKeyId != null && !isKms(algorithm)) {
      throw new IllegalArgumentException("a KMS key id goes with aws:kms only");
    }
  }

  public static boolean isKms(String algorithm) {
    return algorithm != null && algorithm.startsWith("aws:kms");
  }

  /** The encryption stored among {@code headers}; null when none is (the object answers AES256). */
  public static Encryption of(Map<String, String> headers) {
    String algorithm = headers.get(HEADER);
    if (algorithm == null) {
      return null;
    }
    String bucketKey = headers.get(BUCKET_KEY_HEADER);
    return new Encryption(algorithm, headers.get(KMS_KEY_HEADER), bucketKey == null ? null : Boolean.valueOf(bucketKey));
  }

  /** The MD5 of the customer key an SSE-C object was written with; null for any other. */
  public static String customerKeyMd5(Map<String, String> headers) {
    return headers.get(CUSTOMER_KEY_MD5_HEADER);
  }

  /** An SSE-C object's stored headers: the key's algorithm and MD5. */
  public static Map<String, String> customerHeaders(String keyMd5) {
    return Map.of(CUSTOMER_ALGORITHM_HEADER, AES256, CUSTOMER_KEY_MD5_HEADER, keyMd5);
  }

  /**
   * The encryption headers a write or read answers for an object stored with {@code headers}: its own,
   * or AES256 when it names none.
   */
  public static Map<String, String> answered(Map<String, String> headers) {
    Map<String, String> answered = new TreeMap<>();
    HEADERS.forEach(name -> {
      String value = headers.get(name);
      if (value != null) {
        answered.put(name, value);
      }
    });
    if (answered.isEmpty()) {
      answered.put(HEADER, AES256);
    }
    return answered;
  }

  /** As the headers S3 answers it with. */
  public Map<String, String> headers() {
    Map<String, String> headers = new TreeMap<>();
    headers.put(HEADER, algorithm);
    if (kmsKeyId != null) {
      headers.put(KMS_KEY_HEADER, kmsKeyId);
    }
    if (bucketKeyEnabled != null) {
      headers.put(BUCKET_KEY_HEADER, bucketKeyEnabled.toString());
    }
    return headers;
  }
}
