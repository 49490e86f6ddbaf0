package io.mocks3.gateway.http;

import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.s3.S3ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The policy of a browser-based upload (POST object), checked as S3 checks it: it has not expired,
 * every condition holds for the form, and every form field is named by a condition (except the
 * signature, the file, the policy itself and {@code x-ignore-*} fields). Signatures are not checked,
 * as nowhere in MockS3. A form without a policy is accepted.
 */
final class PostPolicy {
  /** Fields a policy does not have to name (S3's list, with SigV2's access key and signature). */
  private static final Set<String> EXEMPT = Set.of("file", "policy", "x-amz-signature", "awsaccesskeyid", "signature");

  /** The sizes a policy allows the file to have (both inclusive). */
  record LengthRange(long min, long max) {
    static final LengthRange ANY = new LengthRange(0, Long.MAX_VALUE);
  }

  private PostPolicy() {}

  /**
   * Checks the form's policy (its {@code policy} field, base64 JSON) against the form's fields (names
   * lower-case) and the bucket of the request; answers the file sizes it allows. The {@code key}
   * field is checked as {@code key}, the key it makes ({@code ${filename}} replaced by the file's
   * name), as S3 does: {@code ["starts-with", "$key", "foo"]} holds for the field {@code ${filename}}
   * and a file named {@code foo.txt}.
   */
  static LengthRange check(Map<String, String> fields, String key, String bucket, Instant now) {
    Map<String, String> checked = new HashMap<>(fields);
    checked.put("key", key);
    return check(checked, bucket, now);
  }

  /** The same, with the fields as they are. */
  static LengthRange check(Map<String, String> fields, String bucket, Instant now) {
    String encoded = fields.get("policy");
    if (encoded == null) {
      return LengthRange.ANY;
    }
    JsonNode policy = parse(encoded);
    checkExpiration(policy.get("expiration"), now);
    JsonNode conditions = policy.get("conditions");
    if (conditions == null || !conditions.isArray()) {
      throw invalid("Policy missing conditions.");
    }
    Set<String> named = new HashSet<>();
    LengthRange range = LengthRange.ANY;
    for (JsonNode condition : conditions) {
      LengthRange limit = checkCondition(condition, fields, bucket, named);
      range = limit != null ? limit : range;
    }
    for (String field : fields.keySet()) {
      if (!EXEMPT.contains(field) && !field.startsWith("x-ignore-") && !named.contains(field)) {
        throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Invalid according to Policy: Extra input fields: " + field);
      }
    }
    return range;
  }

  private static JsonNode parse(String encoded) {
    byte[] json;
    try {
      json = Base64.getDecoder().decode(encoded.replaceAll("\\s", "")); // forms may wrap it in lines
    } catch (IllegalArgumentException e) {
      throw invalid("Invalid Base64 Encoding.");
    }
    try {
      JsonNode policy = Json.mapper().readTree(new String(json, StandardCharsets.UTF_8));
      if (policy == null || !policy.isObject()) {
        throw invalid("Invalid JSON.");
      }
      return policy;
    } catch (JacksonException e) {
      throw invalid("Invalid JSON.");
    }
  }

  private static void checkExpiration(JsonNode expiration, Instant now) {
    if (expiration == null) {
      throw invalid("Policy missing expiration.");
    }
    Instant expires;
    try {
      expires = Instant.parse(expiration.asString());
    } catch (DateTimeParseException e) {
      throw invalid("Invalid 'expiration' value: '" + expiration.asString() + "'");
    }
    if (!now.isBefore(expires)) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Invalid according to Policy: Policy expired.");
    }
  }

  /** One condition: {@code {"field": "value"}}, {@code [eq|starts-with, "$field", value]} or a length range. */
  private static LengthRange checkCondition(JsonNode condition, Map<String, String> fields, String bucket, Set<String> named) {
    if (condition.isObject() && condition.size() == 1) {
      Map.Entry<String, JsonNode> only = condition.properties().iterator().next();
      String field = only.getKey().toLowerCase(Locale.ROOT);
      named.add(field);
      holds(only.getValue().isString() && only.getValue().asString().equals(value(field, fields, bucket)), condition);
      return null;
    }
    if (!condition.isArray() || condition.size() != 3 || !condition.get(0).isString()) {
      throw invalid("Invalid Condition: " + condition);
    }
    String operation = condition.get(0).asString().toLowerCase(Locale.ROOT);
    if (operation.equals("content-length-range")) {
      return lengthRange(condition);
    }
    String reference = condition.get(1).asString();
    if (!reference.startsWith("$") || !condition.get(2).isString()) {
      throw invalid("Invalid Condition: " + condition);
    }
    String field = reference.substring(1).toLowerCase(Locale.ROOT);
    named.add(field);
    String actual = value(field, fields, bucket);
    String expected = condition.get(2).asString();
    switch (operation) {
      case "eq" -> holds(actual.equals(expected), condition);
      case "starts-with" -> holds(actual.startsWith(expected), condition);
      default -> throw invalid("Invalid Condition: unknown operation " + condition.get(0));
    }
    return null;
  }

  private static LengthRange lengthRange(JsonNode condition) {
    if (!condition.get(1).canConvertToLong() || !condition.get(2).canConvertToLong()) {
      throw invalid("Invalid Condition: content-length-range bounds must be integers: " + condition);
    }
    long min = condition.get(1).asLong();
    long max = condition.get(2).asLong();
    if (min < 0 || max < min) {
      throw invalid("Invalid Condition: content-length-range " + condition);
    }
    return new LengthRange(min, max);
  }

  private static String value(String field, Map<String, String> fields, String bucket) {
    return field.equals("bucket") ? bucket : fields.getOrDefault(field, "");
  }

  private static void holds(boolean holds, JsonNode condition) {
    if (!holds) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Invalid according to Policy: Policy Condition failed: " + condition);
    }
  }

  private static S3Exception invalid(String why) {
    return new S3Exception(S3ErrorCode.INVALID_POLICY_DOCUMENT, "Invalid Policy: " + why);
  }
}
