package io.mocks3.gateway.log;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Streams a request body onto {@code mocks3.blobs}: cuts it into chunks, appends each as soon as
 * it is read and computes the MD5 on the way. Heap use is two chunks, whatever the body size.
 */
public final class BlobAppender {
  private final CommandLog log;
  private final int chunkBytes;

  public BlobAppender(CommandLog log, int chunkBytes) {
    this.log = log;
    this.chunkBytes = chunkBytes;
  }

  /** The appended blob and the futures of its chunk records (complete = durable in the log). */
  public record Appended(BlobRef blob, byte[] md5, List<CompletableFuture<RecordMetadata>> records) {
    public CompletableFuture<Void> durable() {
      return CompletableFuture.allOf(records.toArray(CompletableFuture[]::new));
    }
  }

  /**
   * Appends the whole body as blob {@code id}, computing its MD5 and the {@code checksums} asked
   * for; the caller registers any waiters on {@code id} first.
   */
  public Appended append(BlobId id, InputStream body, Set<ChecksumAlgorithm> checksums) throws IOException {
    MessageDigest md5 = md5();
    Map<ChecksumAlgorithm, ChecksumAlgorithm.Digest> digests = new EnumMap<>(ChecksumAlgorithm.class);
    checksums.forEach(algorithm -> digests.put(algorithm, algorithm.newDigest()));
    List<CompletableFuture<RecordMetadata>> records = new ArrayList<>();
    byte[] current = body.readNBytes(chunkBytes);
    long offset = 0;
    int index = 0;
    while (true) {
      byte[] next = current.length < chunkBytes ? new byte[0] : body.readNBytes(chunkBytes);
      boolean last = next.length == 0;
      md5.update(current);
      for (ChecksumAlgorithm.Digest digest : digests.values()) {
        digest.update(current, 0, current.length);
      }
      long total = last ? offset + current.length : 0;
      records.add(log.append(new BlobChunk(id, index++, offset, last, total, current)));
      offset += current.length;
      if (last) {
        break;
      }
      current = next;
    }
    byte[] digest = md5.digest();
    Map<ChecksumAlgorithm, String> values = new EnumMap<>(ChecksumAlgorithm.class);
    digests.forEach((algorithm, d) -> values.put(algorithm, Base64.getEncoder().encodeToString(d.digest())));
    return new Appended(new BlobRef(id, offset, HexFormat.of().formatHex(digest), values), digest, records);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no MD5", e);
    }
  }
}
