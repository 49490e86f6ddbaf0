package io.mocks3.gateway.core;

import io.mocks3.readmodel.ObjectRow;
import io.mocks3.readmodel.UploadRow;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.schemas.sse.Encryption;

/**
 * SSE-C keys checked where S3 checks them: an object written with a customer-provided key is read
 * (GET, HEAD, a copy's or a part copy's source) only with that key, and the parts of an upload
 * created with one are written (UploadPart, UploadPartCopy) only with that key. MockS3 compares the
 * key's MD5 with the one the object or the upload keeps.
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

  /**
   * A part of {@code upload}, sent with the key whose MD5 is {@code givenMd5} (null: none): an upload
   * created with a key takes its parts with that key only, one created without takes none (400
   * {@code InvalidRequest} otherwise, as S3 answers).
   */
  public static void checkPart(UploadRow upload, String givenMd5) {
    String stored = Encryption.customerKeyMd5(upload.headers());
    if (stored == null) {
      if (givenMd5 != null) {
        throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The encryption parameters are not applicable to this upload: "
            + "it was initiated without a customer-provided key.");
      }
      return;
    }
    if (givenMd5 == null) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The multipart upload initiate requested encryption. "
          + "Subsequent part requests must include the appropriate encryption parameters.");
    }
    checkStated(upload, givenMd5);
  }

  /**
   * CompleteMultipartUpload: S3 requires the upload's key there only in some cases, so a completion
   * without one is taken; one with another key than the upload's is 400 {@code InvalidRequest}.
   */
  public static void checkStated(UploadRow upload, String givenMd5) {
    if (givenMd5 != null && !givenMd5.equals(Encryption.customerKeyMd5(upload.headers()))) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
          "The provided encryption parameters did not match the ones used originally.");
    }
  }
}
