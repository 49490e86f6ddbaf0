package io.mocks3.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A valid S3 bucket name (general purpose bucket naming rules). Checked character by character,
 * not by regular expression: every command, event and state that names a bucket is checked again
 * when it is read, on every hop.
 */
public record BucketName(@JsonValue String value) {

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
        && hasShape(value)
        && !value.contains("..")
        && !value.contains(".-")
        && !value.contains("-.")
        && !isIpAddress(value)
        && !value.startsWith("xn--")
        && !value.endsWith("-s3alias");
  }

  /** 3 to 63 of a-z 0-9 . -, a letter or digit at both ends. */
  private static boolean hasShape(String value) {
    int n = value.length();
    if (n < 3 || n > 63 || !letterOrDigit(value.charAt(0)) || !letterOrDigit(value.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = value.charAt(i);
      if (!letterOrDigit(c) && c != '.' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean letterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** Four groups of one to three digits, separated by dots (192.168.5.4). */
  private static boolean isIpAddress(String value) {
    int groups = 0;
    int digits = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 3) {
          return false;
        }
      } else if (c == '.' && digits > 0 && groups < 3) {
        groups++;
        digits = 0;
      } else {
        return false;
      }
    }
    return groups == 3 && digits > 0;
  }

  @Override
  public String toString() {
    return value;
  }
}
