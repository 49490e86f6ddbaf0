package io.mocks3.schemas.s3;

/**
 * A request that cannot be read as S3 (a broken percent-escape, a copy source without a key): the
 * gateway answers it with {@link #code()}; the fault agent names it {@link S3Request#MALFORMED}.
 */
public final class MalformedS3Request extends IllegalArgumentException {
  private final S3ErrorCode code;

  public MalformedS3Request(S3ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public S3ErrorCode code() {
    return code;
  }
}
