package io.mocks3.schemas.command;

import io.mocks3.schemas.acl.Acls;
import io.mocks3.schemas.lock.ObjectLock;
import io.mocks3.schemas.sse.Encryption;
import java.util.List;
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

  /**
   * The headers a copy takes from its request, never from its source: its Object Lock, its ACL and
   * its encryption.
   */
  public static final List<String> NOT_COPIED = java.util.stream.Stream.of(ObjectLock.HEADERS, Acls.HEADERS,
      Encryption.HEADERS).flatMap(List::stream).toList();

  /**
   * With its stored headers {@code names} (one family: its lock's, its ACL's, its encryption's) replaced
   * by {@code values}, which holds some of them or none.
   */
  public ObjectMetadata withHeaders(List<String> names, Map<String, String> values) {
    if (values.isEmpty() && names.stream().noneMatch(headers::containsKey)) {
      return this;
    }
    Map<String, String> next = new TreeMap<>(headers);
    names.forEach(next::remove);
    next.putAll(values);
    return new ObjectMetadata(contentType, next, userMetadata, tags);
  }

  /** With {@code other}'s values of the headers {@code names} (none where it has none) in place of its own. */
  public ObjectMetadata withHeadersOf(ObjectMetadata other, List<String> names) {
    Map<String, String> values = new TreeMap<>();
    names.forEach(name -> {
      String value = other.headers().get(name);
      if (value != null) {
        values.put(name, value);
      }
    });
    return withHeaders(names, values);
  }

  /** Whether it names an encryption of its own (SSE-S3, SSE-KMS or SSE-C). */
  public boolean namesEncryption() {
    return Encryption.HEADERS.stream().anyMatch(headers::containsKey);
  }

  /** The server-side encryption among the stored headers; null for none (answered as AES256). */
  public Encryption encryption() {
    return Encryption.of(headers);
  }

  /** With {@code encryption} as its server-side encryption in place of any it had. */
  public ObjectMetadata withEncryption(Encryption encryption) {
    return withHeaders(Encryption.HEADERS, encryption.headers());
  }

  /** With {@code acl} (stored form, {@link Acls}; empty: the default) as its ACL in place of the one it had. */
  public ObjectMetadata withAcl(Map<String, String> acl) {
    return withHeaders(Acls.HEADERS, acl);
  }

  /** With {@code lock} as its Object Lock (null: none) in place of the one it had. */
  public ObjectMetadata withLock(ObjectLock lock) {
    return withHeaders(ObjectLock.HEADERS, lock == null ? Map.of() : lock.headers());
  }
}
