package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.Json;
import org.junit.jupiter.api.Test;

class BucketPoliciesTest {
  private static boolean isPublic(String statement) {
    return BucketPolicies.isPublic(Json.mapper().readTree("{\"Version\":\"2012-10-17\",\"Statement\":" + statement + "}"));
  }

  @Test
  void anAllowToAnyPrincipalIsPublic() {
    assertThat(isPublic("[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]")).isTrue();
    assertThat(isPublic("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:ListBucket\"}")).isTrue();
    assertThat(isPublic("[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::1:root\",\"*\"]}}]")).isTrue();
  }

  @Test
  void aDenyANamedPrincipalOrAFixedConditionIsNot() {
    assertThat(isPublic("[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\"}]")).isFalse();
    assertThat(isPublic("[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::s3tenant1:root\"}}]")).isFalse();
    assertThat(isPublic("[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Condition\":{\"IpAddress\":"
        + "{\"aws:SourceIp\":\"10.0.0.0/32\"}}}]")).isFalse();
  }

  @Test
  void aConditionThatPinsNothingLeavesItPublic() {
    assertThat(isPublic("[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Condition\":{\"Bool\":"
        + "{\"aws:SecureTransport\":\"true\"}}}]")).isTrue();
  }
}
