package io.mocks3.gateway.http;

import io.mocks3.gateway.GatewayProperties;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.http.xml.Owner;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Who a request acts as. Its access key (SigV4 or SigV2, header or presigned query; signatures are
 * never checked) names an owner: the one configured for it ({@code mocks3.owners.keys.<accessKey>.id}
 * and {@code .display-name}), else one derived from the key (a stable 64-hex canonical id and the key
 * as display name), so two keys are two owners. A request without credentials acts as the default owner.
 * Buckets keep the owner that created them, and own their objects (S3's "bucket owner enforced");
 * uploads keep their initiator. With {@code mocks3.owners.mode=enforce} a request on another owner's
 * bucket is AccessDenied.
 */
final class Owners {
  private final Map<String, Owner> configured = new HashMap<>();
  private final boolean enforced;

  Owners(GatewayProperties.OwnerSettings settings) {
    String mode = settings == null || settings.mode() == null ? "open" : settings.mode().trim().toLowerCase(java.util.Locale.ROOT);
    if (!mode.equals("open") && !mode.equals("enforce")) {
      throw new IllegalArgumentException("mocks3.owners.mode must be open or enforce, not " + settings.mode());
    }
    this.enforced = mode.equals("enforce");
    if (settings != null && settings.keys() != null) {
      settings.keys().forEach((key, owner) -> configured.put(key,
          new Owner(owner.id() != null ? owner.id() : derived(key).id(), owner.displayName() != null ? owner.displayName() : key)));
    }
  }

  boolean enforced() {
    return enforced;
  }

  /** Whether {@code id} can name an owner: a configured one's, or a derived one's (64 hex digits). */
  boolean knows(String id) {
    return id != null && (id.matches("[0-9a-f]{64}") || configured.values().stream().anyMatch(o -> o.id().equals(id)));
  }

  /** Whether owners are enforced and {@code requester} is not {@code owner}: the one test behind every refusal. */
  boolean refuses(Owner requester, Owner owner) {
    return enforced && !requester.id().equals(owner.id());
  }

  /** AccessDenied when owners are enforced and {@code requester} is not {@code owner}. */
  void checkAccess(Owner requester, Owner owner) {
    if (refuses(requester, owner)) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Access Denied");
    }
  }

  /** Whether {@code requester} may see a bucket of {@code owner} in ListBuckets. */
  boolean lists(Owner requester, Owner owner) {
    return !refuses(requester, owner);
  }

  /** The owner as a command carries it. */
  static io.mocks3.schemas.Owner stored(Owner owner) {
    return new io.mocks3.schemas.Owner(owner.id(), owner.displayName());
  }

  /** The owner a stored bucket or upload names; the default owner for those from before owners were kept. */
  static Owner shown(io.mocks3.schemas.Owner stored) {
    return stored == null ? Owner.DEFAULT : new Owner(stored.id(), stored.displayName());
  }

  Owner of(HttpServletRequest request) {
    String key = accessKey(request.getHeader("Authorization"), S3Query.of(request));
    if (key == null || key.isEmpty()) {
      return Owner.DEFAULT;
    }
    Owner owner = configured.get(key);
    return owner != null ? owner : derived(key);
  }

  /** The access key of a SigV4 or SigV2 Authorization header, else of a presigned URL's query; null when there is none. */
  static String accessKey(String authorization, S3Query query) {
    if (authorization != null) {
      String auth = authorization.trim();
      int credential = auth.indexOf("Credential=");
      if (auth.startsWith("AWS4-") && credential >= 0) {
        return upTo(auth.substring(credential + "Credential=".length()), '/');
      }
      if (auth.startsWith("AWS ")) {
        return upTo(auth.substring(4).trim(), ':');
      }
      return null;
    }
    String presigned = query.get("X-Amz-Credential");
    return presigned != null ? upTo(presigned, '/') : query.get("AWSAccessKeyId");
  }

  /** The owner a key without configuration stands for: its SHA-256 as the id, the key as the name. */
  static Owner derived(String accessKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(("mocks3-owner:" + accessKey).getBytes(StandardCharsets.UTF_8));
      return new Owner(HexFormat.of().formatHex(digest), accessKey);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  private static String upTo(String value, char end) {
    int at = value.indexOf(end);
    return (at < 0 ? value : value.substring(0, at)).trim();
  }
}
