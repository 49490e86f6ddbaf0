package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import io.mocks3.schemas.command.UploadChecksum;
import io.mocks3.schemas.s3.S3ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class UploadChecksumHeadersTest {
  private static UploadChecksum declared(String algorithm, String type) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/b/k");
    if (algorithm != null) {
      request.addHeader("x-amz-checksum-algorithm", algorithm);
    }
    if (type != null) {
      request.addHeader("x-amz-checksum-type", type);
    }
    return ObjectHeaders.uploadChecksum(request);
  }

  @Test
  void typesDefaultAsS3DefaultsThem() {
    assertThat(declared(null, null)).isNull();
    assertThat(declared("crc32", null)).isEqualTo(new UploadChecksum(ChecksumAlgorithm.CRC32, false));
    assertThat(declared("CRC64NVME", null)).isEqualTo(new UploadChecksum(ChecksumAlgorithm.CRC64NVME, true));
    assertThat(declared("CRC32C", "FULL_OBJECT")).isEqualTo(new UploadChecksum(ChecksumAlgorithm.CRC32C, true));
    assertThat(declared("SHA256", "COMPOSITE")).isEqualTo(new UploadChecksum(ChecksumAlgorithm.SHA256, false));
  }

  @Test
  void combinationsS3RefusesAreInvalidRequest() {
    for (String[] bad : new String[][] {{"SHA1", "FULL_OBJECT"}, {"CRC64NVME", "COMPOSITE"}, {"MD5", null}, {null, "COMPOSITE"},
        {"CRC32", "WHOLE"}}) {
      assertThatThrownBy(() -> declared(bad[0], bad[1])).as(String.join("/", String.valueOf(bad[0]), String.valueOf(bad[1])))
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_REQUEST));
    }
  }
}
