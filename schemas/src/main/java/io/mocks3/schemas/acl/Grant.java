package io.mocks3.schemas.acl;

import java.util.List;

/**
 * One ACL grant: {@code permission} to a grantee, a canonical user ({@code id}), a group ({@code uri})
 * or an email address ({@code email}) as S3 names them.
 */
public record Grant(String permission, String type, String grantee) {
  public static final String CANONICAL_USER = "CanonicalUser";
  public static final String GROUP = "Group";
  public static final String BY_EMAIL = "AmazonCustomerByEmail";
  public static final List<String> PERMISSIONS = List.of("FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP");
  public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
  public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
  public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";
  public static final List<String> GROUPS = List.of(ALL_USERS, AUTHENTICATED_USERS, LOG_DELIVERY);

  public static Grant user(String permission, String id) {
    return new Grant(permission, CANONICAL_USER, id);
  }

  public static Grant group(String permission, String uri) {
    return new Grant(permission, GROUP, uri);
  }

  /** Whether it grants anything to everyone, or to every AWS account (S3's "public" for Block Public Access). */
  public boolean isPublic() {
    return GROUP.equals(type) && (ALL_USERS.equals(grantee) || AUTHENTICATED_USERS.equals(grantee));
  }
}
