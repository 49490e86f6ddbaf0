package io.mocks3.schemas.blob;

import java.util.zip.Checksum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CRC-64/NVME (the default checksum of current AWS SDKs): reflected polynomial
 * 0x9A6C9329AC4BC9B5, initial value and final XOR all ones. The JDK has CRC32 and CRC32C only.
 *
 * <p>Computed by the AWS CRT ({@code software.amazon.awssdk.crt.checksums.CRC64NVME}, carry-less
 * multiplication in native code) where its jar is on the classpath and its native library loads:
 * on this JDK 17 / Debian / x86_64 machine it loaded (2.7 s the first time, when it unpacks the
 * library) and hashed 64 MiB at 670-1,470 MB/s against 35-57 MB/s for the table below (both
 * measured on a busy 2-core machine). The CRT jar weighs 24 MB (natives for every platform), so
 * only the service that hashes request bodies, the gateway, carries it; elsewhere, or if the native
 * library fails to load, the byte-at-a-time table below computes the same values.
 */
final class Crc64Nvme implements Checksum {
  private static final Logger log = LoggerFactory.getLogger(Crc64Nvme.class);
  private final Checksum delegate = NativeCrc.AVAILABLE ? NativeCrc.create() : new TableCrc();

  /** True when the AWS CRT computes the values in this process. */
  static boolean isNative() {
    return NativeCrc.AVAILABLE;
  }

  @Override
  public void update(int b) {
    delegate.update(b);
  }

  @Override
  public void update(byte[] bytes, int offset, int length) {
    delegate.update(bytes, offset, length);
  }

  @Override
  public long getValue() {
    return delegate.getValue();
  }

  @Override
  public void reset() {
    delegate.reset();
  }

  /** Loads the CRT once per process, when the first CRC-64 is asked for. */
  private static final class NativeCrc {
    private static final String CLASS = "software.amazon.awssdk.crt.checksums.CRC64NVME";
    static final boolean AVAILABLE = probe();

    static Checksum create() {
      return new software.amazon.awssdk.crt.checksums.CRC64NVME();
    }

    private static boolean probe() {
      try {
        Class.forName(CLASS, false, Crc64Nvme.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        return false;
      }
      try {
        create().update(new byte[1], 0, 1);
        return true;
      } catch (LinkageError | RuntimeException e) {
        log.warn("the AWS CRT is on the classpath but its native library does not load ({}); CRC-64/NVME is computed in Java", e.toString());
        return false;
      }
    }
  }

  /** The reference implementation: one table lookup per byte. */
  static final class TableCrc implements Checksum {
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
}
