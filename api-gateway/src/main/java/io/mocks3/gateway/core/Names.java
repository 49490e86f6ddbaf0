package io.mocks3.gateway.core;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import java.nio.charset.StandardCharsets;

/** Turns the names in a request into typed ids, or the S3 error a bad name deserves. */
public final class Names {
  private Names() {}

  public static BucketName bucket(String name) {
    if (!BucketName.isValid(name)) {
      throw new S3Exception(S3ErrorCode.INVALID_BUCKET_NAME, "The specified bucket is not valid: " + name);
    }
    return BucketName.of(name);
  }

  public static ObjectKey key(String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length > ObjectKey.MAX_BYTES) {
      throw new S3Exception(S3ErrorCode.KEY_TOO_LONG, "Your key is too long (over " + ObjectKey.MAX_BYTES + " bytes)");
    }
    if (key.indexOf('\0') >= 0) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Object keys may not contain the NUL character");
    }
    return ObjectKey.of(key);
  }
}
