package io.mocks3.schemas.blob;

import io.mocks3.schemas.BlobId;
import io.mocks3.schemas.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary layout of a {@link BlobChunk}; bytes are not worth base64. Layout (big-endian):
 * version:u8, idLength:u8, id:utf8, index:i32, offset:i64, last:u8, totalSize:i64, payload.
 */
public final class BlobChunkSerde implements Serde<BlobChunk>, Serializer<BlobChunk>, Deserializer<BlobChunk> {
  private static final int FIXED_HEADER = 1 + 1 + 4 + 8 + 1 + 8;

  @Override
  public byte[] serialize(String topic, BlobChunk chunk) {
    if (chunk == null) {
      return null;
    }
    byte[] id = chunk.blobId().value().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(FIXED_HEADER + id.length + chunk.bytes().length);
    out.put((byte) Message.SCHEMA_VERSION).put((byte) id.length).put(id);
    out.putInt(chunk.index()).putLong(chunk.offset()).put((byte) (chunk.last() ? 1 : 0));
    out.putLong(chunk.totalSize()).put(chunk.bytes());
    return out.array();
  }

  @Override
  public BlobChunk deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(data);
      BlobId blobId = readId(in, topic);
      int index = in.getInt();
      long offset = in.getLong();
      boolean last = in.get() == 1;
      long totalSize = in.getLong();
      byte[] payload = new byte[in.remaining()];
      in.get(payload);
      return new BlobChunk(blobId, index, offset, last, totalSize, payload);
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SerializationException("corrupt blob chunk on " + topic, e);
    }
  }

  /**
   * The blob a serialized chunk belongs to, read from its header alone (the payload is not copied): a
   * storage node decides by it whether the chunk is placed on it before decoding the rest.
   */
  public static BlobId blobIdOf(String topic, byte[] data) {
    try {
      return readId(ByteBuffer.wrap(data), topic);
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SerializationException("corrupt blob chunk on " + topic, e);
    }
  }

  /** The version and id at the start of a chunk; leaves {@code in} after the id. */
  private static BlobId readId(ByteBuffer in, String topic) {
    int version = in.get();
    if (version < 1 || version > Message.SCHEMA_VERSION) {
      throw new SerializationException("unknown blob chunk version " + version + " on " + topic);
    }
    byte[] id = new byte[in.get()];
    in.get(id);
    return BlobId.of(new String(id, StandardCharsets.US_ASCII));
  }

  @Override
  public Serializer<BlobChunk> serializer() {
    return this;
  }

  @Override
  public Deserializer<BlobChunk> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
