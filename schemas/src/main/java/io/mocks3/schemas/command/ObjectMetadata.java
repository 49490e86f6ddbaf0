package io.mocks3.schemas.command;

import java.util.Map;
import java.util.TreeMap;

/**
 * What S3 stores beside an object's bytes: its content type, the standard headers it returns
 * (Content-Encoding, Content-Disposition, Content-Language, Cache-Control, Expires), the user's
 * {@code x-amz-meta-*} entries (names lower-cased, without the prefix) and its tags.
 */
public record ObjectMetadata(
    String contentType, Map<String, String> headers, Map<String, String> userMetadata, Map<String, String> tags) {
  public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

  public ObjectMetadata {
    contentType = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
    headers = headers == null ? Map.of() : new TreeMap<>(headers);
    userMetadata = userMetadata == null ? Map.of() : new TreeMap<>(userMetadata);
    tags = tags == null ? Map.of() : new TreeMap<>(tags);
  }

  public ObjectMetadata withTags(Map<String, String> newTags) {
    return new ObjectMetadata(contentType, headers, userMetadata, newTags);
  }
}
