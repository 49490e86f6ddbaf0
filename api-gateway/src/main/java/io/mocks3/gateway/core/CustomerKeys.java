package io.mocks3.gateway.core;

import io.mocks3.readmodel.ObjectRow;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.schemas.sse.Encryption;

/**
 * SSE-C on the read side: an object written with a customer-provided key is read (GET, HEAD, a copy's
 * or a part copy's source) only with that key, as S3 reads it; MockS3 compares the key's MD5 with the
 * one the object keeps.
 */
public final class CustomerKeys {
  private CustomerKeys() {}

  /**
   * @param givenMd5 the MD5 of the key the request sent (already checked against the key), null when it sent none
   */
  public static void check(ObjectRow row, String givenMd5) {
    String stored = Encryption.customerKeyMd5(row.headers());
    if (stored == null) {
      if (givenMd5 != null) {
        throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The encryption parameters are not applicable to this object.");
      }
      return;
    }
    if (givenMd5 == null) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The object was stored using a form of Server Side Encryption. "
          + "The correct parameters must be provided to retrieve the object.");
    }
    if (!givenMd5.equals(stored)) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Access Denied");
    }
  }
}
