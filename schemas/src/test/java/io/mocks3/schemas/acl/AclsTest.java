package io.mocks3.schemas.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclsTest {
  private static final String OWNER = "a".repeat(64);

  @Test
  void noAclIsTheDefaultAndACannedOneIsExpandedForItsOwner() {
    assertThat(Acls.grants(Map.of("Content-Type", "text/plain"), OWNER)).isNull();
    assertThat(Acls.grants(Map.of(Acls.CANNED_HEADER, "public-read-write"), OWNER)).containsExactly(
        Grant.user("FULL_CONTROL", OWNER), Grant.group("READ", Grant.ALL_USERS), Grant.group("WRITE", Grant.ALL_USERS));
    assertThatThrownBy(() -> Acls.canned("public-ready", OWNER)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void grantsRoundTripThroughTheirHeaders() {
    List<Grant> grants = List.of(Grant.user("FULL_CONTROL", OWNER), Grant.group("READ", Grant.AUTHENTICATED_USERS),
        new Grant("READ", Grant.BY_EMAIL, "ann@example.com"), Grant.user("READ_ACP", "b".repeat(64)));
    Map<String, String> headers = Acls.headers(grants);
    assertThat(headers).containsEntry("x-amz-grant-read",
        "uri=\"http://acs.amazonaws.com/groups/global/AuthenticatedUsers\", emailAddress=\"ann@example.com\"");
    assertThat(Acls.grants(headers, OWNER)).containsExactlyInAnyOrderElementsOf(grants);
  }

  @Test
  void anAclThatGrantsNothingIsNotTheDefault() {
    Map<String, String> none = Acls.headers(List.of());
    assertThat(Acls.grants(none, OWNER)).isEmpty();
  }

  @Test
  void aGrantHeaderIsReadAsS3WritesIt() {
    assertThat(Acls.parse("READ", "id=\"" + OWNER + "\",uri=http://acs.amazonaws.com/groups/s3/LogDelivery"))
        .containsExactly(Grant.user("READ", OWNER), Grant.group("READ", Grant.LOG_DELIVERY));
    assertThatThrownBy(() -> Acls.parse("READ", "user=\"x\"")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Acls.parse("READ", "nothing")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyGrantsToEveryoneOrEveryAccountArePublic() {
    assertThat(Grant.group("READ", Grant.ALL_USERS).isPublic()).isTrue();
    assertThat(Grant.group("READ", Grant.AUTHENTICATED_USERS).isPublic()).isTrue();
    assertThat(Grant.group("WRITE", Grant.LOG_DELIVERY).isPublic()).isFalse();
    assertThat(Grant.user("READ", OWNER).isPublic()).isFalse();
  }
}
