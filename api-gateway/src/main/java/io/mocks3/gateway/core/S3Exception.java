package io.mocks3.gateway.core;

import io.mocks3.schemas.s3.S3ErrorCode;

/** The one exception type the S3 edge maps to an S3 {@code <Error>} body (see the http package's S3ErrorHandler). */
public final class S3Exception extends RuntimeException {
  private final S3ErrorCode code;
  private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

  public S3Exception(S3ErrorCode code) {
    this(code, code.defaultMessage());
  }

  public S3Exception(S3ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public S3Exception(S3ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public S3ErrorCode code() {
    return code;
  }

  /** Adds a response header the error carries (e.g. {@code x-amz-delete-marker} on a deleted key). */
  public S3Exception withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public java.util.Map<String, String> headers() {
    return headers;
  }
}
