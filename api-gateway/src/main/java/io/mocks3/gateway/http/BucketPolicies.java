package io.mocks3.gateway.http;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What S3 concludes from a bucket policy without evaluating a request: whether it is public
 * (GetBucketPolicyStatus). As AWS defines it ("The meaning of 'public'"), a policy is public when one
 * of its Allow statements names any principal ({@code "*"}, or {@code {"AWS": "*"}}) and no condition
 * of it pins a request to fixed values (a source IP, VPC, account, ARN, organization, user id).
 */
final class BucketPolicies {
  /** Condition keys whose fixed values make a statement non-public, lower-cased. */
  private static final Set<String> RESTRICTING_KEYS = Set.of("aws:sourceip", "aws:sourcearn", "aws:sourcevpc",
      "aws:sourcevpce", "aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths", "aws:userid",
      "aws:principalarn", "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths",
      "s3:dataaccesspointarn", "s3:dataaccesspointaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id");

  private BucketPolicies() {}

  static boolean isPublic(JsonNode policy) {
    JsonNode statements = policy.get("Statement");
    if (statements == null) {
      return false;
    }
    for (JsonNode statement : statements.isArray() ? statements : java.util.List.of(statements)) {
      if ("Allow".equals(text(statement.get("Effect"))) && anyPrincipal(statement.get("Principal"))
          && !restricted(statement.get("Condition"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyPrincipal(JsonNode principal) {
    if (principal == null) {
      return false;
    }
    if (principal.isString()) {
      return "*".equals(principal.asString());
    }
    JsonNode aws = principal.isObject() ? principal.get("AWS") : null;
    if (aws == null) {
      return false;
    }
    if (aws.isArray()) {
      for (JsonNode one : aws) {
        if ("*".equals(text(one))) {
          return true;
        }
      }
      return false;
    }
    return "*".equals(text(aws));
  }

  /** Whether some operator of the condition block names a restricting key. */
  private static boolean restricted(JsonNode condition) {
    if (condition == null || !condition.isObject()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> operator : condition.properties()) {
      Iterator<String> keys = operator.getValue().isObject() ? operator.getValue().propertyNames().iterator()
          : java.util.Collections.emptyIterator();
      while (keys.hasNext()) {
        if (RESTRICTING_KEYS.contains(keys.next().toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }
}
