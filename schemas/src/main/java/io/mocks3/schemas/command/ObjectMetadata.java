package io.mocks3.schemas.command;

import io.mocks3.schemas.acl.Acls;
import io.mocks3.schemas.lock.ObjectLock;
import java.util.Map;
import java.util.TreeMap;

/**
 * What S3 stores beside an object's bytes: its content type, the standard headers it returns
 * (Content-Encoding, Content-Disposition, Content-Language, Cache-Control, Expires), the user's
 * {@code x-amz-meta-*} entries (names lower-cased, without the prefix) and its tags. A version's
 * Object Lock is among the headers, as the {@code x-amz-object-lock-*} headers S3 returns it as
 * ({@link ObjectLock}), and so is its ACL, as the {@code x-amz-acl} or {@code x-amz-grant-*} headers it
 * was set with ({@link Acls}; not returned).
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

  /** The Object Lock among the stored headers; null for none. */
  public ObjectLock lock() {
    return ObjectLock.of(headers);
  }

  /** With {@code acl} (stored form, {@link Acls}; empty: the default) as its ACL in place of the one it had. */
  public ObjectMetadata withAcl(Map<String, String> acl) {
    if (acl.isEmpty() && headers.keySet().stream().noneMatch(Acls::isAclHeader)) {
      return this;
    }
    Map<String, String> next = new TreeMap<>(headers);
    Acls.HEADERS.forEach(next::remove);
    next.putAll(acl);
    return new ObjectMetadata(contentType, next, userMetadata, tags);
  }

  /** With {@code lock} as its Object Lock (null: none) in place of the one it had. */
  public ObjectMetadata withLock(ObjectLock lock) {
    if (lock == null && lock() == null) {
      return this;
    }
    return new ObjectMetadata(contentType, ObjectLock.withLock(headers, lock), userMetadata, tags);
  }
}
