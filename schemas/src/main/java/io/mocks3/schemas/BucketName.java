package io.mocks3.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A valid S3 bucket name (general purpose bucket naming rules). */
public record BucketName(@JsonValue String value) {
  private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public BucketName {
    if (!isValid(value)) {
      throw new IllegalArgumentException("invalid bucket name: " + value);
    }
  }

  @JsonCreator
  public static BucketName of(String value) {
    return new BucketName(value);
  }

  /** The AWS rules: 3-63 chars of a-z 0-9 . -, letter or digit at both ends, no "..", not an IP. */
  public static boolean isValid(String value) {
    return value != null
        && SHAPE.matcher(value).matches()
        && !value.contains("..")
        && !value.contains(".-")
        && !value.contains("-.")
        && !IP_ADDRESS.matcher(value).matches()
        && !value.startsWith("xn--")
        && !value.endsWith("-s3alias");
  }

  @Override
  public String toString() {
    return value;
  }
}
