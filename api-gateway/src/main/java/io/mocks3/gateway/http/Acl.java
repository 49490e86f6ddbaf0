package io.mocks3.gateway.http;

import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.AccessControlPolicy;
import io.mocks3.gateway.http.xml.Owner;
import io.mocks3.gateway.http.xml.XmlText;
import io.mocks3.schemas.acl.Acls;
import io.mocks3.schemas.acl.Grant;
import io.mocks3.schemas.s3.S3ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * ACLs on the wire: what a request asks for (a canned {@code x-amz-acl}, {@code x-amz-grant-*} headers,
 * or an AccessControlPolicy body), validated and turned into the stored form ({@link Acls}), and the
 * AccessControlPolicy a GET answers. MockS3 stores and answers ACLs; it does not evaluate them (every
 * request acts as an owner: see {@link Owners}).
 */
final class Acl {
  private Acl() {}

  /**
   * The ACL a write's headers ask for, in stored form; empty when they ask for none.
   *
   * @param knownId whether a canonical user id names an owner MockS3 knows
   */
  static Map<String, String> ofHeaders(HttpServletRequest request, Predicate<String> knownId) {
    String canned = request.getHeader(Acls.CANNED_HEADER);
    Map<String, String> grantHeaders = new TreeMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (Acls.isAclHeader(lower) && !lower.equals(Acls.CANNED_HEADER)) {
        grantHeaders.put(lower, request.getHeader(name));
      }
    }
    if (canned != null && !grantHeaders.isEmpty()) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Specifying both Canned ACLs and Header Grants is not allowed");
    }
    if (canned != null) {
      if (!Acls.CANNED.contains(canned.trim())) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unknown canned ACL: " + canned);
      }
      return Map.of(Acls.CANNED_HEADER, canned.trim());
    }
    if (grantHeaders.isEmpty()) {
      return Map.of();
    }
    List<Grant> grants = new ArrayList<>();
    for (String permission : Grant.PERMISSIONS) {
      String value = grantHeaders.remove(Acls.header(permission));
      if (value != null) {
        try {
          grants.addAll(Acls.parse(permission, value));
        } catch (IllegalArgumentException e) {
          throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
      }
    }
    if (!grantHeaders.isEmpty()) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unknown grant header: " + grantHeaders.keySet().iterator().next());
    }
    return checked(grants, knownId);
  }

  /** The grants of an AccessControlPolicy body, in stored form. */
  static Map<String, String> ofPolicy(AccessControlPolicy policy, Predicate<String> knownId) {
    List<Grant> grants = new ArrayList<>();
    for (AccessControlPolicy.GrantXml grant : policy.grants()) {
      AccessControlPolicy.Grantee grantee = grant.grantee();
      if (grantee == null || grant.permission() == null) {
        throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR);
      }
      String type = grantee.type() != null ? grantee.type()
          : grantee.id() != null ? Grant.CANONICAL_USER : grantee.uri() != null ? Grant.GROUP : Grant.BY_EMAIL;
      String named = switch (type) {
        case Grant.CANONICAL_USER -> grantee.id();
        case Grant.GROUP -> grantee.uri();
        case Grant.BY_EMAIL -> grantee.emailAddress();
        default -> throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR, "Unknown grantee type " + type);
      };
      if (named == null) {
        throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR, "A " + type + " grantee needs its ID, URI or EmailAddress");
      }
      grants.add(new Grant(grant.permission(), type, named));
    }
    return checked(grants, knownId);
  }

  /** S3's refusals: an unknown permission, group or user; an email address (MockS3 knows no accounts by email). */
  private static Map<String, String> checked(List<Grant> grants, Predicate<String> knownId) {
    for (Grant grant : grants) {
      if (!Grant.PERMISSIONS.contains(grant.permission())) {
        throw new S3Exception(S3ErrorCode.MALFORMED_ACL_ERROR, "Unknown permission " + grant.permission());
      }
      switch (grant.type()) {
        case Grant.GROUP -> {
          if (!Grant.GROUPS.contains(grant.grantee())) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid group uri");
          }
        }
        case Grant.BY_EMAIL -> throw new S3Exception(S3ErrorCode.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS);
        default -> {
          if (!knownId.test(grant.grantee())) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Invalid id");
          }
        }
      }
    }
    return Acls.headers(grants);
  }

  /**
   * The AccessControlPolicy of a resource of {@code owner} whose stored ACL is {@code acl} (the
   * owner's FULL_CONTROL when it has none): group grants first, then the grants to users.
   */
  static void write(HttpServletResponse response, Owner owner, Map<String, String> acl) throws IOException {
    List<Grant> grants = Acls.grants(acl, owner.id());
    if (grants == null) {
      grants = Acls.canned("private", owner.id());
    }
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + "<Owner><ID>" + XmlText.escape(owner.id()) + "</ID><DisplayName>" + XmlText.escape(owner.displayName())
        + "</DisplayName></Owner><AccessControlList>");
    List<Grant> ordered = new ArrayList<>(grants.stream().filter(g -> g.type().equals(Grant.GROUP)).toList());
    grants.stream().filter(g -> !g.type().equals(Grant.GROUP)).forEach(ordered::add);
    for (Grant grant : ordered) {
      xml.append("<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"")
          .append(grant.type()).append("\">");
      String named = XmlText.escape(grant.grantee());
      switch (grant.type()) {
        case Grant.GROUP -> xml.append("<URI>").append(named).append("</URI>");
        case Grant.BY_EMAIL -> xml.append("<EmailAddress>").append(named).append("</EmailAddress>");
        default -> {
          xml.append("<ID>").append(named).append("</ID>");
          if (grant.grantee().equals(owner.id())) {
            xml.append("<DisplayName>").append(XmlText.escape(owner.displayName())).append("</DisplayName>");
          }
        }
      }
      xml.append("</Grantee><Permission>").append(grant.permission()).append("</Permission></Grant>");
    }
    byte[] body = xml.append("</AccessControlList></AccessControlPolicy>").toString().getBytes(StandardCharsets.UTF_8);
    response.setStatus(200);
    response.setContentType("application/xml");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
