package io.mocks3.gateway.core;

import io.mocks3.gateway.log.BlobAppender;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobRef;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * Takes in a request body as a new blob, for PutObject and UploadPart alike: registers the
 * storage waiter (strong mode), streams the body to the blob log, checks Content-MD5. A body
 * that fails leaves no waiter behind and no command is ever sent for it.
 */
public final class BodyIntake {
  private final BlobAppender appender;
  private final WriteCoordinator writes;

  public BodyIntake(BlobAppender appender, WriteCoordinator writes) {
    this.appender = appender;
    this.writes = writes;
  }

  /**
   * A blob in the log and what to wait for before the write may answer.
   *
   * @param confirmation storage acknowledgements (strong) or log durability (eventual)
   */
  public record Blob(BlobRef ref, CompletableFuture<?> confirmation) {}

  public Blob take(InputStream body, String contentMd5, Consistency mode) throws IOException {
    byte[] expectedMd5 = decodeMd5(contentMd5);
    BlobId id = BlobId.random();
    CompletableFuture<Void> stored = mode == Consistency.STRONG ? writes.expectStored(id) : null;
    try {
      BlobAppender.Appended appended = appender.append(id, body);
      if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, appended.md5())) {
        throw new S3Exception(S3ErrorCode.BAD_DIGEST);
      }
      return new Blob(appended.blob(), stored == null ? appended.durable() : stored);
    } catch (IOException | RuntimeException e) {
      writes.abandon(id);
      throw e;
    }
  }

  private static byte[] decodeMd5(String header) {
    if (header == null) {
      return null;
    }
    try {
      byte[] md5 = Base64.getDecoder().decode(header.trim());
      if (md5.length != 16) {
        throw new IllegalArgumentException("not 16 bytes");
      }
      return md5;
    } catch (IllegalArgumentException e) {
      throw new S3Exception(S3ErrorCode.INVALID_DIGEST);
    }
  }
}
