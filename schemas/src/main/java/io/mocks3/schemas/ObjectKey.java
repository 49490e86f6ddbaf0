package io.mocks3.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * An S3 object key: 1 to 1024 bytes of UTF-8. Keys are names, never paths: no component of
 * MockS3 turns a key into a file name, so "../" in a key is just three characters.
 */
public record ObjectKey(@JsonValue String value) {
  public static final int MAX_BYTES = 1024;

  public ObjectKey {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("empty object key");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("object key longer than " + MAX_BYTES + " bytes");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("object key contains NUL");
    }
  }

  @JsonCreator
  public static ObjectKey of(String value) {
    return new ObjectKey(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
