package io.mocks3.gateway.http;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.Owner;
import io.mocks3.gateway.http.xml.XmlText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;

/**
 * ACLs as MockS3 has them: none to manage. Every bucket, and every object in it, is private to the
 * bucket's owner (buckets own their objects, S3's default ownership), so GetBucketAcl / GetObjectAcl
 * answer that policy, and a PUT of the {@code private} canned ACL (what it already is) succeeds; any
 * other grant is NotImplemented rather than silently ignored.
 */
final class Acl {
  private Acl() {}

  static void write(HttpServletResponse response, Owner owner) throws IOException {
    String id = XmlText.escape(owner.id());
    String name = XmlText.escape(owner.displayName());
    byte[] policy = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + "<Owner><ID>" + id + "</ID><DisplayName>" + name + "</DisplayName></Owner>"
        + "<AccessControlList><Grant>"
        + "<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
        + "<ID>" + id + "</ID><DisplayName>" + name + "</DisplayName></Grantee>"
        + "<Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>")
        .getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType("application/xml");
    response.setContentLength(policy.length);
    response.getOutputStream().write(policy);
  }

  /** Accepts {@code x-amz-acl: private} (or no header and no grants); anything else is NotImplemented. */
  static void put(HttpServletRequest request, HttpServletResponse response, Owner owner) throws IOException {
    String canned = request.getHeader("x-amz-acl");
    boolean grants = Collections.list(request.getHeaderNames()).stream()
        .anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("x-amz-grant-"));
    byte[] body;
    try (InputStream in = RequestBody.of(request).stream()) {
      body = in.readNBytes(64 * 1024);
    }
    boolean privateOnly = (canned == null || canned.trim().equals("private")) && !grants
        && (body.length == 0 || onlyOwnerFullControl(new String(body, StandardCharsets.UTF_8), owner));
    if (!privateOnly) {
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
          "MockS3 keeps every bucket and object private to its owner; only the private ACL can be set");
    }
    response.setStatus(200);
  }

  /** A policy document that grants nothing but FULL_CONTROL to the owner. */
  private static boolean onlyOwnerFullControl(String xml, Owner owner) {
    int grants = xml.split("<Grant>", -1).length - 1;
    return grants <= 1 && (grants == 0 || (xml.contains("<Permission>FULL_CONTROL</Permission>")
        && xml.contains(owner.id())));
  }
}
