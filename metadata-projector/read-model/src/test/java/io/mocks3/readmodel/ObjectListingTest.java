package io.mocks3.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectListingTest {
  @Test
  void successorIsTheNextCodePoint_SkippingSurrogatesAndCarryingPastTheLast() {
    assertThat(ObjectListing.successor("a/")).isEqualTo("a0");
    assertThat(ObjectListing.successor("x\uD7FF")).isEqualTo("x\uE000");
    assertThat(ObjectListing.successor("x\uD83D\uDE00")).isEqualTo("x\uD83D\uDE01");
    assertThat(ObjectListing.successor("x" + Character.toString(Character.MAX_CODE_POINT))).isEqualTo("y");
    assertThat(ObjectListing.successor(Character.toString(Character.MAX_CODE_POINT))).isNull();
  }

  @Test
  void aMarkerUnderACommonPrefixResumesPastThePrefix_ElseAfterTheKey() {
    ListQuery q = new ListQuery("p/", "/", "p/a/1", 10);
    assertThat(VersionCursor.afterKey("p/a/1", q)).isEqualTo(new VersionCursor("p/a0", Long.MAX_VALUE));
    assertThat(VersionCursor.afterKey("p/b", q)).isEqualTo(new VersionCursor("p/b", -1));
    assertThat(VersionCursor.afterKey("", q)).isEqualTo(new VersionCursor("", -1));
  }
}
