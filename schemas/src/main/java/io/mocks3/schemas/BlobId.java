package io.mocks3.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identity of a stored byte sequence. Only lowercase hex and dashes, so a blob id is always
 * safe to use as a file name under a storage root.
 */
public record BlobId(@JsonValue String value) {
  private static final Pattern SHAPE = Pattern.compile("[0-9a-f-]{32,64}");

  public BlobId {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid blob id: " + value);
    }
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
