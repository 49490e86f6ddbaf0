package io.mocks3.tasks.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

class StagedObjectTest {
  private static final byte[] BYTES = "hello origin".getBytes(StandardCharsets.UTF_8);

  private static String md5Hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }

  @Test
  void bytesMatchingTheAnnouncedLengthAndETagAreStagedWithTheHeadersToStore() throws Exception {
    GetObjectResponse response = GetObjectResponse.builder().contentLength((long) BYTES.length)
        .eTag("\"" + md5Hex(BYTES) + "\"").contentType("text/plain").cacheControl(" ").metadata(Map.of("owner", "ann")).build();
    Path file;
    try (StagedObject staged = new StagedObject()) {
      file = staged.file();
      Fetched fetched = staged.stage(new ByteArrayInputStream(BYTES), response, null);
      assertThat(fetched.size()).isEqualTo(BYTES.length);
      assertThat(HexFormat.of().formatHex(fetched.md5())).isEqualTo(md5Hex(BYTES));
      assertThat(fetched.headers()).as("blank headers are left out").containsExactly(Map.entry("Content-Type", "text/plain"));
      assertThat(fetched.metadata()).containsEntry("owner", "ann");
      assertThat(Files.readAllBytes(file)).isEqualTo(BYTES);
    }
    assertThat(file).as("deleted on close").doesNotExist();
  }

  @Test
  void aCutBodyFailsTheFetch() throws Exception {
    GetObjectResponse response = GetObjectResponse.builder().contentLength(BYTES.length + 5L).build();
    try (StagedObject staged = new StagedObject()) {
      assertThatThrownBy(() -> staged.stage(new ByteArrayInputStream(BYTES), response, null))
          .isInstanceOf(UpstreamFailure.class).hasMessage("the upstream sent 12 of 17 bytes");
    }
  }

  @Test
  void bytesWhoseMd5IsNotTheETagAreDirty() throws Exception {
    GetObjectResponse response = GetObjectResponse.builder().contentLength((long) BYTES.length)
        .eTag("\"" + md5Hex("other".getBytes(StandardCharsets.UTF_8)) + "\"").build();
    try (StagedObject staged = new StagedObject()) {
      assertThatThrownBy(() -> staged.stage(new ByteArrayInputStream(BYTES), response, null))
          .isInstanceOf(StagedObject.DirtyData.class).hasMessageContaining("dirty data").hasMessageContaining("nothing stored");
    }
  }

  @Test
  void aMultipartETagIsNotAnMd5AndIsNotChecked() throws Exception {
    GetObjectResponse response = GetObjectResponse.builder().contentLength((long) BYTES.length)
        .eTag("\"" + md5Hex("other".getBytes(StandardCharsets.UTF_8)) + "-2\"").build();
    try (StagedObject staged = new StagedObject()) {
      assertThat(staged.stage(new ByteArrayInputStream(BYTES), response, null).size()).isEqualTo(BYTES.length);
    }
  }
}
