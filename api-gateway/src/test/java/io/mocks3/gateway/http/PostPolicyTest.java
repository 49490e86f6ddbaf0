package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.s3.S3ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostPolicyTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final String FUTURE = "\"expiration\": \"2026-12-03T13:00:00.000Z\"";

  @Test
  void aFormWithoutAPolicyIsAcceptedWithAnySize() {
    assertThat(PostPolicy.check(Map.of("key", "k"), "b", NOW)).isEqualTo(PostPolicy.LengthRange.ANY);
  }

  @Test
  void everyConditionFormHoldsAndTheLengthRangeIsAnswered() {
    Map<String, String> form = form("{" + FUTURE + ", \"conditions\": [{\"bucket\": \"photos\"}, [\"starts-with\", \"$key\", \"up/\"],"
        + " [\"eq\", \"$Content-Type\", \"text/plain\"], {\"x-amz-meta-origin\": \"form\"}, [\"content-length-range\", 1, 1024]]}",
        "key", "up/${filename}", "content-type", "text/plain", "x-amz-meta-origin", "form", "x-amz-signature", "sig",
        "x-ignore-me", "anything");
    assertThat(PostPolicy.check(form, "photos", NOW)).isEqualTo(new PostPolicy.LengthRange(1, 1024));
  }

  @Test
  void theKeyIsCheckedAsTheKeyItMakes_WithTheFilesName() {
    Map<String, String> form = form("{" + FUTURE + ", \"conditions\": [[\"starts-with\", \"$key\", \"foo\"]]}", "key", "${filename}");
    assertThat(PostPolicy.check(form, "foo.txt", "b", NOW)).isEqualTo(PostPolicy.LengthRange.ANY);
    assertThatThrownBy(() -> PostPolicy.check(form, "bar.txt", "b", NOW)).hasMessageContaining("Policy Condition failed");
  }

  @Test
  void aFailedConditionIsAccessDeniedNamingIt() {
    Map<String, String> form = form("{" + FUTURE + ", \"conditions\": [[\"starts-with\", \"$key\", \"up/\"]]}", "key", "down/x");
    assertThatThrownBy(() -> PostPolicy.check(form, "b", NOW)).isInstanceOfSatisfying(S3Exception.class, e -> {
      assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED);
      assertThat(e.getMessage()).contains("Policy Condition failed", "$key");
    });
    Map<String, String> otherBucket = form("{" + FUTURE + ", \"conditions\": [{\"bucket\": \"photos\"}]}");
    assertThatThrownBy(() -> PostPolicy.check(otherBucket, "videos", NOW)).hasMessageContaining("Policy Condition failed");
  }

  @Test
  void aFieldNoConditionNamesIsAnExtraInputField() {
    Map<String, String> form = form("{" + FUTURE + ", \"conditions\": [[\"starts-with\", \"$key\", \"\"]]}", "key", "k",
        "x-amz-meta-extra", "1");
    assertThatThrownBy(() -> PostPolicy.check(form, "b", NOW)).isInstanceOfSatisfying(S3Exception.class, e -> {
      assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED);
      assertThat(e.getMessage()).isEqualTo("Invalid according to Policy: Extra input fields: x-amz-meta-extra");
    });
  }

  @Test
  void anExpiredPolicyIsAccessDenied() {
    Map<String, String> form = form("{\"expiration\": \"2026-12-03T11:59:59Z\", \"conditions\": []}");
    assertThatThrownBy(() -> PostPolicy.check(form, "b", NOW)).isInstanceOfSatisfying(S3Exception.class, e -> {
      assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED);
      assertThat(e.getMessage()).isEqualTo("Invalid according to Policy: Policy expired.");
    });
  }

  @Test
  void aPolicyThatDoesNotReadIsInvalidPolicyDocument() {
    // The top-level names are case-sensitive, as S3 reads them.
    for (String json : new String[] {"{\"conditions\": []}", "{" + FUTURE + "}", "{" + FUTURE + ", \"CONDITIONS\": []}",
        "{\"EXPIRATION\": \"2026-12-03T13:00:00Z\", \"conditions\": []}", "not json", "[1]",
        "{\"expiration\": \"tomorrow\", \"conditions\": []}", "{" + FUTURE + ", \"conditions\": [[\"gt\", \"$key\", \"a\"]]}",
        "{" + FUTURE + ", \"conditions\": [[\"content-length-range\", 10, 1]]}", "{" + FUTURE + ", \"conditions\": [\"key\"]}"}) {
      assertThatThrownBy(() -> PostPolicy.check(form(json, "key", "k"), "b", NOW)).as(json)
          .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_POLICY_DOCUMENT));
    }
    Map<String, String> notBase64 = Map.of("policy", "%%%");
    assertThatThrownBy(() -> PostPolicy.check(notBase64, "b", NOW)).hasMessageContaining("Base64");
  }

  private static Map<String, String> form(String policyJson, String... fields) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      form.put(fields[i], fields[i + 1]);
    }
    form.put("policy", Base64.getEncoder().encodeToString(policyJson.getBytes(StandardCharsets.UTF_8)));
    return form;
  }
}
