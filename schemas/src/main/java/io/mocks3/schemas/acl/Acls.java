package io.mocks3.schemas.acl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ACLs as MockS3 stores them: in S3's own request form, a canned ACL ({@code x-amz-acl: public-read})
 * or grant headers ({@code x-amz-grant-read: uri="http://acs.amazonaws.com/groups/global/AllUsers",
 * id="..."}), among an object version's stored headers (never returned on GET) and as a bucket's
 * {@code acl} configuration. None of them: the default, FULL_CONTROL to the owner. A canned ACL is
 * expanded against the owner when it is read, so it never names an id.
 */
public final class Acls {
  public static final String KIND = "acl";
  public static final String CANNED_HEADER = "x-amz-acl";
  private static final String GRANT_PREFIX = "x-amz-grant-";
  /** Every header an ACL is stored as. */
  public static final List<String> HEADERS = List.of(CANNED_HEADER, "x-amz-grant-full-control", "x-amz-grant-read",
      "x-amz-grant-write", "x-amz-grant-read-acp", "x-amz-grant-write-acp");
  public static final Set<String> CANNED = Set.of("private", "public-read", "public-read-write", "authenticated-read",
      "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write");

  private Acls() {}

  /** The grant header of a permission: FULL_CONTROL is {@code x-amz-grant-full-control}. */
  public static String header(String permission) {
    return GRANT_PREFIX + permission.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static boolean isAclHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals(CANNED_HEADER) || lower.startsWith(GRANT_PREFIX);
  }

  /** The stored form of {@code grants}: one header per permission granted ({@code x-amz-grant-full-control: ""} for none). */
  public static Map<String, String> headers(List<Grant> grants) {
    Map<String, String> headers = new TreeMap<>();
    for (String permission : Grant.PERMISSIONS) {
      List<String> named = grants.stream().filter(g -> g.permission().equals(permission))
          .map(g -> attribute(g.type()) + "=\"" + g.grantee() + "\"").toList();
      if (!named.isEmpty()) {
        headers.put(header(permission), String.join(", ", named));
      }
    }
    if (headers.isEmpty()) {
      headers.put(header("FULL_CONTROL"), "");
    }
    return headers;
  }

  /**
   * The grants stored among {@code headers}, with a canned ACL expanded for {@code ownerId}; null when
   * there is no ACL (the default).
   */
  public static List<Grant> grants(Map<String, String> headers, String ownerId) {
    String canned = headers.get(CANNED_HEADER);
    if (canned != null) {
      return canned(canned, ownerId);
    }
    List<Grant> grants = new ArrayList<>();
    boolean any = false;
    for (String permission : Grant.PERMISSIONS) {
      String value = headers.get(header(permission));
      if (value != null) {
        any = true;
        grants.addAll(parse(permission, value));
      }
    }
    return any ? grants : null;
  }

  /**
   * The grants of one grant header's value: {@code id="..."}, {@code uri="..."} or
   * {@code emailAddress="..."}, comma-separated.
   *
   * @throws IllegalArgumentException when it is not that
   */
  public static List<Grant> parse(String permission, String value) {
    List<Grant> grants = new ArrayList<>();
    for (String part : value.split(",")) {
      String one = part.trim();
      if (one.isEmpty()) {
        continue;
      }
      int eq = one.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("a grantee is id=\"...\", uri=\"...\" or emailAddress=\"...\": " + one);
      }
      String kind = one.substring(0, eq).trim();
      String named = one.substring(eq + 1).trim();
      if (named.length() >= 2 && named.startsWith("\"") && named.endsWith("\"")) {
        named = named.substring(1, named.length() - 1);
      }
      String type = switch (kind.toLowerCase(Locale.ROOT)) {
        case "id" -> Grant.CANONICAL_USER;
        case "uri" -> Grant.GROUP;
        case "emailaddress" -> Grant.BY_EMAIL;
        default -> throw new IllegalArgumentException("a grantee is id, uri or emailAddress, not " + kind);
      };
      grants.add(new Grant(permission, type, named));
    }
    return grants;
  }

  /**
   * A canned ACL's grants for a resource of {@code ownerId} (its bucket's owner, who owns every object
   * in MockS3, so the bucket-owner ACLs grant what the owner already has).
   *
   * @throws IllegalArgumentException for a name S3 does not have
   */
  public static List<Grant> canned(String name, String ownerId) {
    Grant owner = Grant.user("FULL_CONTROL", ownerId);
    return switch (name) {
      case "private", "bucket-owner-read", "bucket-owner-full-control", "aws-exec-read" -> List.of(owner);
      case "public-read" -> List.of(owner, Grant.group("READ", Grant.ALL_USERS));
      case "public-read-write" -> List.of(owner, Grant.group("READ", Grant.ALL_USERS), Grant.group("WRITE", Grant.ALL_USERS));
      case "authenticated-read" -> List.of(owner, Grant.group("READ", Grant.AUTHENTICATED_USERS));
      case "log-delivery-write" -> List.of(owner, Grant.group("WRITE", Grant.LOG_DELIVERY),
          Grant.group("READ_ACP", Grant.LOG_DELIVERY));
      default -> throw new IllegalArgumentException("unknown canned ACL " + name);
    };
  }

  private static String attribute(String type) {
    return switch (type) {
      case Grant.CANONICAL_USER -> "id";
      case Grant.GROUP -> "uri";
      default -> "emailAddress";
    };
  }
}
