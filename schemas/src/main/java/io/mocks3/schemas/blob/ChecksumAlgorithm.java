package io.mocks3.schemas.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The additional checksums S3 accepts ({@code x-amz-checksum-*}), as the raw digest bytes a client
 * sends base64-encoded. CRCs are big-endian, as AWS encodes them.
 */
public enum ChecksumAlgorithm {
  CRC32,
  CRC32C,
  CRC64NVME,
  SHA1,
  SHA256;

  /** An incremental digest of this algorithm. */
  public Digest newDigest() {
    return switch (this) {
      case CRC32 -> new CrcDigest(new CRC32(), 4);
      case CRC32C -> new CrcDigest(new CRC32C(), 4);
      case CRC64NVME -> new CrcDigest(new Crc64Nvme(), 8);
      case SHA1 -> new ShaDigest("SHA-1");
      case SHA256 -> new ShaDigest("SHA-256");
    };
  }

  /** The request/response header carrying this checksum, e.g. {@code x-amz-checksum-crc32}. */
  public String header() {
    return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
  }

  /** The algorithm S3 names {@code name} (case-insensitive), or null when there is none. */
  public static ChecksumAlgorithm parse(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Digest bytes of one algorithm, fed incrementally. */
  public interface Digest {
    void update(byte[] bytes, int offset, int length);

    byte[] digest();
  }

  private record CrcDigest(Checksum crc, int width) implements Digest {
    @Override
    public void update(byte[] bytes, int offset, int length) {
      crc.update(bytes, offset, length);
    }

    @Override
    public byte[] digest() {
      long value = crc.getValue();
      byte[] out = new byte[width];
      for (int i = width - 1; i >= 0; i--) {
        out[i] = (byte) value;
        value >>>= 8;
      }
      return out;
    }
  }

  private static final class ShaDigest implements Digest {
    private final MessageDigest sha;

    ShaDigest(String algorithm) {
      try {
        this.sha = MessageDigest.getInstance(algorithm);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JVM has no " + algorithm, e);
      }
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
      sha.update(bytes, offset, length);
    }

    @Override
    public byte[] digest() {
      return sha.digest();
    }
  }
}
