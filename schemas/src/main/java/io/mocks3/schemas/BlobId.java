package io.mocks3.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/**
 * Identity of a stored byte sequence. Only lowercase hex and dashes, so a blob id is always
 * safe to use as a file name under a storage root.
 */
public record BlobId(@JsonValue String value) {
  public BlobId {
    if (!hasShape(value)) {
      throw new IllegalArgumentException("invalid blob id: " + value);
    }
  }

  /** 32 to 64 of 0-9 a-f and dashes; checked by hand, as every record naming a blob is read on every hop. */
  private static boolean hasShape(String value) {
    if (value == null || value.length() < 32 || value.length() > 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  public static BlobId random() {
    return new BlobId(UUID.randomUUID().toString());
  }

  @JsonCreator
  public static BlobId of(String value) {
    return new BlobId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
