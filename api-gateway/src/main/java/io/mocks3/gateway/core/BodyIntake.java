package io.mocks3.gateway.core;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.log.BlobAppender;
import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Takes in a request body as a new blob, for PutObject, UploadPart and UploadPartCopy alike:
 * registers the storage waiter (strong mode), streams the body to the blob log while computing
 * its digests, then checks them against what the client declared. A body that fails leaves no
 * waiter behind and no command is ever sent for it, so its chunks are garbage, never an object.
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

  public Blob take(InputStream body, Integrity integrity, Consistency mode) throws IOException {
    byte[] expectedMd5 = decodeMd5(integrity.contentMd5());
    Map<ChecksumAlgorithm, byte[]> declared = decode(integrity.declared());
    BlobId id = BlobId.random();
    CompletableFuture<Void> stored = mode == Consistency.STRONG ? writes.expectStored(id) : null;
    try {
      BlobAppender.Appended appended = appender.append(id, body, integrity.algorithms());
      if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, appended.md5())) {
        throw new S3Exception(S3ErrorCode.BAD_DIGEST);
      }
      declared.putAll(decode(integrity.trailed().get()));
      for (Map.Entry<ChecksumAlgorithm, byte[]> expected : declared.entrySet()) {
        String computed = appended.blob().checksums().get(expected.getKey());
        if (computed == null || !MessageDigest.isEqual(expected.getValue(), Base64.getDecoder().decode(computed))) {
          throw new S3Exception(S3ErrorCode.BAD_DIGEST,
              "The " + expected.getKey().name() + " you specified did not match the calculated checksum.");
        }
      }
      return new Blob(appended.blob(), stored == null ? appended.durable() : stored);
    } catch (IOException | RuntimeException e) {
      writes.abandon(id);
      throw e;
    }
  }

  private static Map<ChecksumAlgorithm, byte[]> decode(Map<ChecksumAlgorithm, String> values) {
    Map<ChecksumAlgorithm, byte[]> decoded = new HashMap<>();
    values.forEach((algorithm, value) -> {
      int width = algorithm.newDigest().digest().length;
      try {
        byte[] raw = Base64.getDecoder().decode(value.trim());
        if (raw.length == width) {
          decoded.put(algorithm, raw);
          return;
        }
      } catch (IllegalArgumentException e) {
        // falls through to the S3 error
      }
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Value for " + algorithm.header() + " header is invalid.");
    });
    return decoded;
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
