package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.gateway.GatewayProperties.OwnerSettings;
import io.mocks3.gateway.GatewayProperties.OwnerSettings.OwnerIdentity;
import io.mocks3.gateway.http.xml.Owner;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnersTest {
  private static final S3Query NO_QUERY = S3Query.parse("");

  @Test
  void theAccessKeyComesFromSigV4_SigV2_OrAPresignedQuery() {
    assertThat(Owners.accessKey("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host,"
        + " Signature=abc", NO_QUERY)).isEqualTo("AKIDEXAMPLE");
    assertThat(Owners.accessKey("AWS AKIDV2:c2lnbmF0dXJl", NO_QUERY)).isEqualTo("AKIDV2");
    assertThat(Owners.accessKey(null, S3Query.parse("X-Amz-Credential=AKIDQ%2F20260101%2Fus-east-1%2Fs3%2Faws4_request")))
        .isEqualTo("AKIDQ");
    assertThat(Owners.accessKey(null, S3Query.parse("AWSAccessKeyId=AKIDOLD&Signature=x"))).isEqualTo("AKIDOLD");
    assertThat(Owners.accessKey(null, NO_QUERY)).isNull();
    assertThat(Owners.accessKey("Bearer token", NO_QUERY)).isNull();
  }

  @Test
  void aDerivedOwnerIsStablePerKey_AndDiffersBetweenKeys() {
    Owner a = Owners.derived("alice");
    assertThat(a).isEqualTo(Owners.derived("alice"));
    assertThat(a.id()).hasSize(64).matches("[0-9a-f]+");
    assertThat(a.displayName()).isEqualTo("alice");
    assertThat(Owners.derived("bob").id()).isNotEqualTo(a.id());
  }

  @Test
  void aConfiguredKeyIsItsConfiguredOwner_MissingPartsDerived() throws Exception {
    Owners owners = new Owners(new OwnerSettings(Map.of("AKID1", new OwnerIdentity("c0ffee", "team-a"),
        "AKID2", new OwnerIdentity(null, null)), null));
    assertThat(ownerOf(owners, "AKID1")).isEqualTo(new Owner("c0ffee", "team-a"));
    assertThat(ownerOf(owners, "AKID2")).isEqualTo(new Owner(Owners.derived("AKID2").id(), "AKID2"));
    assertThat(ownerOf(owners, "other")).isEqualTo(Owners.derived("other"));
    assertThat(new Owners(null)).isNotNull();
  }

  @Test
  void enforcedOwnersRefuseOtherOwnersAndOpenOnesRefuseNobody() {
    Owner ann = Owners.derived("ann");
    Owner bob = Owners.derived("bob");
    Owners open = new Owners(new OwnerSettings(null, null));
    Owners enforced = new Owners(new OwnerSettings(null, "ENFORCE"));
    open.checkAccess(bob, ann);
    assertThat(open.lists(bob, ann)).isTrue();
    enforced.checkAccess(ann, ann);
    assertThat(enforced.lists(bob, ann)).isFalse();
    assertThatThrownBy(() -> enforced.checkAccess(bob, ann)).isInstanceOfSatisfying(io.mocks3.gateway.core.S3Exception.class,
        e -> assertThat(e.code()).isEqualTo(io.mocks3.schemas.s3.S3ErrorCode.ACCESS_DENIED));
    assertThatThrownBy(() -> new Owners(new OwnerSettings(null, "strict"))).hasMessageContaining("mocks3.owners.mode");
    assertThat(Owners.shown(null)).isEqualTo(Owner.DEFAULT);
    assertThat(Owners.shown(Owners.stored(ann))).isEqualTo(ann);
  }

  private static Owner ownerOf(Owners owners, String key) {
    var request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/");
    request.addHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + key + "/20260101/us-east-1/s3/aws4_request");
    return owners.of(request);
  }
}
