package io.mocks3.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Bucket names, object keys and blob ids are plain JSON strings, validated on the way in. */
class IdentifiersTest {
  private static final ObjectMapper JSON = Json.mapper();

  record Holder(BucketName bucket, ObjectKey key, BlobId blob) {}

  @Test
  void eachIsAJsonStringAndReadsBack() throws Exception {
    Holder holder = new Holder(BucketName.of("photos"), ObjectKey.of("2026/cat.jpg"), BlobId.of("0123456789abcdef0123456789abcdef"));
    String json = JSON.writeValueAsString(holder);
    assertThat(JSON.readValue(json, Map.class))
        .containsEntry("bucket", "photos").containsEntry("key", "2026/cat.jpg").containsEntry("blob", "0123456789abcdef0123456789abcdef");
    assertThat(JSON.readValue(json, Holder.class)).isEqualTo(holder);
    assertThat(holder.bucket()).hasToString("photos");
    assertThat(holder.key()).hasToString("2026/cat.jpg");
  }

  @Test
  void invalidValuesAreRefusedWhenRead() {
    assertThatThrownBy(() -> JSON.readValue("{\"bucket\":\"UPPER\"}", Holder.class)).hasMessageContaining("invalid bucket name");
    assertThatThrownBy(() -> JSON.readValue("{\"blob\":\"../etc/passwd\"}", Holder.class)).hasMessageContaining("invalid blob id");
    assertThatThrownBy(() -> JSON.readValue("{\"key\":\"\"}", Holder.class)).hasMessageContaining("empty object key");
  }

  /** The naming rules as regular expressions: the oracle the hand-written checks are held to. */
  private static final Pattern BUCKET_SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern BLOB_SHAPE = Pattern.compile("[0-9a-f-]{32,64}");

  @Test
  void bucketNamesAndBlobIdsAreCheckedAsTheRulesSay() {
    Random random = new Random(22);
    String alphabet = "ab9f0.-.1Z_ /2é";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(3) == 0 ? random.nextInt(70) : random.nextInt(16);
      // Mostly near misses: dotted digits (IP addresses or not), hex (blob ids or not), or anything.
      String from = switch (random.nextInt(3)) {
        case 0 -> "0123456789.";
        case 1 -> "0123456789abcdef-abcdef-g";
        default -> alphabet;
      };
      for (int j = 0; j < length; j++) {
        b.append(from.charAt(random.nextInt(from.length())));
      }
      String name = b.toString();
      boolean bucketRule = BUCKET_SHAPE.matcher(name).matches() && !name.contains("..") && !name.contains(".-")
          && !name.contains("-.") && !IP_ADDRESS.matcher(name).matches() && !name.startsWith("xn--") && !name.endsWith("-s3alias");
      assertThat(BucketName.isValid(name)).as("bucket name \"%s\"", name).isEqualTo(bucketRule);
      String blob = name.length() < 20 ? name + name + name : name;
      boolean blobRule = BLOB_SHAPE.matcher(blob).matches();
      boolean accepted;
      try {
        BlobId.of(blob);
        accepted = true;
      } catch (IllegalArgumentException e) {
        accepted = false;
      }
      assertThat(accepted).as("blob id \"%s\"", blob).isEqualTo(blobRule);
    }
    assertThat(BucketName.isValid("192.168.5.4")).isFalse();
    assertThat(BucketName.isValid("192.168.5.4a")).isTrue();
    assertThat(BucketName.isValid("1.2.3")).isTrue();
    assertThat(BucketName.isValid("1234.2.3.4")).isTrue();
  }
}
