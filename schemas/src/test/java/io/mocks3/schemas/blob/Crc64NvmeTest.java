package io.mocks3.schemas.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Checksum;
import org.junit.jupiter.api.Test;

class Crc64NvmeTest {
  /** Check values of CRC-64/NVME: the CRC catalogue's "123456789"; 32 zero and 32 0xff bytes (computed bit by bit). */
  @Test
  void knownVectors() {
    assertThat(crc(new Crc64Nvme(), "123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xae8b14860a799888L);
    assertThat(crc(new Crc64Nvme(), new byte[0])).isEqualTo(0L);
    assertThat(crc(new Crc64Nvme(), new byte[32])).isEqualTo(0xcf3473434d4ecf3bL);
    byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertThat(crc(new Crc64Nvme(), ones)).isEqualTo(0xa0a06974c34d63c4L);
  }

  @Test
  void theJavaTableAndTheCrtAgreeOnEveryLengthAndSplit() {
    byte[] data = new byte[4099];
    new Random(7).nextBytes(data);
    for (int length : new int[] {1, 7, 8, 15, 16, 63, 64, 255, 4099}) {
      Checksum table = new Crc64Nvme.TableCrc();
      Checksum chosen = new Crc64Nvme();
      int half = length / 2;
      table.update(data, 0, length);
      chosen.update(data, 0, half);
      chosen.update(data, half, length - half);
      assertThat(chosen.getValue()).as("length %d", length).isEqualTo(table.getValue());
    }
  }

  @Test
  void theCrtIsUsedWhereItsJarIsOnTheClasspath() {
    // schemas declares aws-crt optional, so its tests have it: the native library must load here.
    assertThat(Crc64Nvme.isNative()).as("the AWS CRT's native CRC-64/NVME loads on this machine").isTrue();
  }

  @Test
  void resetStartsOver() {
    Checksum crc = new Crc64Nvme();
    crc.update(new byte[] {1, 2, 3}, 0, 3);
    crc.reset();
    assertThat(crc(crc, "123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xae8b14860a799888L);
  }

  private static long crc(Checksum crc, byte[] bytes) {
    crc.update(bytes, 0, bytes.length);
    return crc.getValue();
  }
}
