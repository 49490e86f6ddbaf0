package io.mocks3.schemas.blob;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME (the default checksum of current AWS SDKs): reflected polynomial
 * 0x9A6C9329AC4BC9B5, initial value and final XOR all ones. The JDK has CRC32 and CRC32C only.
 */
final class Crc64Nvme implements Checksum {
  private static final long[] TABLE = table();
  private long crc = -1L;

  @Override
  public void update(int b) {
    crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
  }

  @Override
  public void update(byte[] bytes, int offset, int length) {
    long c = crc;
    for (int i = offset; i < offset + length; i++) {
      c = TABLE[(int) ((c ^ bytes[i]) & 0xff)] ^ (c >>> 8);
    }
    crc = c;
  }

  @Override
  public long getValue() {
    return ~crc;
  }

  @Override
  public void reset() {
    crc = -1L;
  }

  private static long[] table() {
    long[] table = new long[256];
    for (int n = 0; n < 256; n++) {
      long c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ 0x9A6C9329AC4BC9B5L : c >>> 1;
      }
      table[n] = c;
    }
    return table;
  }
}
