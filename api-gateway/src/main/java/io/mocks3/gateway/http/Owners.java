package io.mocks3.gateway.http;

import io.mocks3.gateway.GatewayProperties;
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
 */
final class Owners {
  private final Map<String, Owner> configured = new HashMap<>();

  Owners(GatewayProperties.OwnerSettings settings) {
    if (settings != null && settings.keys() != null) {
      settings.keys().forEach((key, owner) -> configured.put(key,
          new Owner(owner.id() != null ? owner.id() : derived(key).id(), owner.displayName() != null ? owner.displayName() : key)));
    }
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
