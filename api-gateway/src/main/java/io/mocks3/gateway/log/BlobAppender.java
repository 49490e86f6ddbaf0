package io.mocks3.gateway.log;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.blob.BlobChunk;
import io.mocks3.schemas.blob.BlobRef;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

  /** Appends the whole body as blob {@code id}; the caller registers any waiters on {@code id} first. */
  public Appended append(BlobId id, InputStream body) throws IOException {
    MessageDigest md5 = md5();
    List<CompletableFuture<RecordMetadata>> records = new ArrayList<>();
    byte[] current = body.readNBytes(chunkBytes);
    long offset = 0;
    int index = 0;
    while (true) {
      byte[] next = current.length < chunkBytes ? new byte[0] : body.readNBytes(chunkBytes);
      boolean last = next.length == 0;
      md5.update(current);
      long total = last ? offset + current.length : 0;
      records.add(log.append(new BlobChunk(id, index++, offset, last, total, current)));
      offset += current.length;
      if (last) {
        break;
      }
      current = next;
    }
    byte[] digest = md5.digest();
    return new Appended(new BlobRef(id, offset, HexFormat.of().formatHex(digest)), digest, records);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no MD5", e);
    }
  }
}
