package io.mocks3.gateway.http;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.Owner;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;

/**
 * ACLs as MockS3 has them: none to manage. Every bucket and object is private to the one owner
 * (any credentials are that owner), so GetBucketAcl / GetObjectAcl answer that policy, and a PUT
 * of the {@code private} canned ACL (what it already is) succeeds; any other grant is
 * NotImplemented rather than silently ignored.
 */
final class Acl {
  private static final byte[] PRIVATE = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      + "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      + "<Owner><ID>" + Owner.DEFAULT.id() + "</ID><DisplayName>" + Owner.DEFAULT.displayName() + "</DisplayName></Owner>"
      + "<AccessControlList><Grant>"
      + "<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
      + "<ID>" + Owner.DEFAULT.id() + "</ID><DisplayName>" + Owner.DEFAULT.displayName() + "</DisplayName></Grantee>"
      + "<Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>")
      .getBytes(StandardCharsets.UTF_8);

  private Acl() {}

  static void write(HttpServletResponse response) throws IOException {
    response.setStatus(200);
    response.setContentType("application/xml");
    response.setContentLength(PRIVATE.length);
    response.getOutputStream().write(PRIVATE);
  }

  /** Accepts {@code x-amz-acl: private} (or no header and no grants); anything else is NotImplemented. */
  static void put(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String canned = request.getHeader("x-amz-acl");
    boolean grants = Collections.list(request.getHeaderNames()).stream()
        .anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("x-amz-grant-"));
    byte[] body;
    try (InputStream in = RequestBody.of(request).stream()) {
      body = in.readNBytes(64 * 1024);
    }
    boolean privateOnly = (canned == null || canned.trim().equals("private")) && !grants
        && (body.length == 0 || onlyOwnerFullControl(new String(body, StandardCharsets.UTF_8)));
    if (!privateOnly) {
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
          "MockS3 keeps every bucket and object private to its owner; only the private ACL can be set");
    }
    response.setStatus(200);
  }

  /** A policy document that grants nothing but FULL_CONTROL to the owner. */
  private static boolean onlyOwnerFullControl(String xml) {
    int grants = xml.split("<Grant>", -1).length - 1;
    return grants <= 1 && (grants == 0 || (xml.contains("<Permission>FULL_CONTROL</Permission>")
        && xml.contains(Owner.DEFAULT.id())));
  }
}
