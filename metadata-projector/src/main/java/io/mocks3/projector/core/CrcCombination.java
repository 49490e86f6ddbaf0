package io.mocks3.projector.core;

import io.mocks3.schemas.blob.ChecksumAlgorithm;

/**
 * The CRC of a concatenation from the CRCs and lengths of its pieces, without their bytes (zlib's
 * crc32_combine, for any reflected CRC up to 64 bits): how a multipart upload's FULL_OBJECT
 * checksum is made from its parts' checksums.
 */
final class CrcCombination {
  private CrcCombination() {}

  /** Whether S3 can give {@code algorithm} as a FULL_OBJECT checksum of a multipart object. */
  static boolean combinable(ChecksumAlgorithm algorithm) {
    return algorithm == ChecksumAlgorithm.CRC32 || algorithm == ChecksumAlgorithm.CRC32C
        || algorithm == ChecksumAlgorithm.CRC64NVME;
  }

  /** crc(A || B) from crc(A), crc(B) and B's length in bytes. */
  static long combine(ChecksumAlgorithm algorithm, long crcA, long crcB, long lengthB) {
    return switch (algorithm) {
      case CRC32 -> combine(crcA, crcB, lengthB, 0xEDB88320L, 32);
      case CRC32C -> combine(crcA, crcB, lengthB, 0x82F63B78L, 32);
      case CRC64NVME -> combine(crcA, crcB, lengthB, 0x9A6C9329AC4BC9B5L, 64);
      default -> throw new IllegalArgumentException(algorithm + " is not a CRC");
    };
  }

  /** The zero-operator method: apply lengthB zero bytes to crcA through squared shift matrices. */
  private static long combine(long crcA, long crcB, long lengthB, long reflectedPolynomial, int width) {
    if (lengthB == 0) {
      return crcA;
    }
    long[] even = new long[width];
    long[] odd = new long[width];
    odd[0] = reflectedPolynomial; // the operator for one zero bit
    long row = 1;
    for (int n = 1; n < width; n++) {
      odd[n] = row;
      row <<= 1;
    }
    square(even, odd); // two zero bits
    square(odd, even); // four zero bits
    long crc = crcA;
    long remaining = lengthB;
    do {
      square(even, odd); // first pass: one zero byte
      if ((remaining & 1) != 0) {
        crc = times(even, crc);
      }
      remaining >>>= 1;
      if (remaining == 0) {
        break;
      }
      square(odd, even);
      if ((remaining & 1) != 0) {
        crc = times(odd, crc);
      }
      remaining >>>= 1;
    } while (remaining != 0);
    return crc ^ crcB;
  }

  private static long times(long[] matrix, long vector) {
    long sum = 0;
    for (int i = 0; vector != 0; i++, vector >>>= 1) {
      if ((vector & 1) != 0) {
        sum ^= matrix[i];
      }
    }
    return sum;
  }

  private static void square(long[] target, long[] matrix) {
    for (int n = 0; n < matrix.length; n++) {
      target[n] = times(matrix, matrix[n]);
    }
  }

  /** A checksum's big-endian bytes (as S3 sends them, base64-decoded) as a number. */
  static long value(byte[] bigEndian) {
    long value = 0;
    for (byte b : bigEndian) {
      value = (value << 8) | (b & 0xFF);
    }
    return value;
  }

  static byte[] bytes(long value, int width) {
    byte[] out = new byte[width];
    for (int i = width - 1; i >= 0; i--) {
      out[i] = (byte) value;
      value >>>= 8;
    }
    return out;
  }
}
