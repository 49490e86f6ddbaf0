package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.s3.S3ErrorCode;
import org.junit.jupiter.api.Test;

class ListingRequestTest {
  @Test
  void urlEncodingIsS3s_SpaceIsPercent20_PlusIsEncoded_SlashAndUnreservedStay() {
    assertThat(ListingRequest.urlEncode("quux ab/")).isEqualTo("quux%20ab/");
    assertThat(ListingRequest.urlEncode("asdf+b")).isEqualTo("asdf%2Bb");
    assertThat(ListingRequest.urlEncode("a-b_c.d~e/f")).isEqualTo("a-b_c.d~e/f");
    assertThat(ListingRequest.urlEncode("\u0001é%")).isEqualTo("%01%C3%A9%25");
    assertThat(ListingRequest.urlEncode("😀")).isEqualTo("%F0%9F%98%80");
  }

  @Test
  void anEmptyDelimiterIsNoDelimiter_MaxKeysIsCapped_ZeroIsKept() {
    ListingRequest listing = ListingRequest.of(S3Query.parse("delimiter=&max-keys=5000&prefix=a"));
    assertThat(listing.delimiter()).isNull();
    assertThat(listing.maxKeys()).isEqualTo(1000);
    assertThat(listing.prefix()).isEqualTo("a");
    assertThat(ListingRequest.of(S3Query.parse("max-keys=0")).maxKeys()).isZero();
  }

  @Test
  void showEncodesOnlyWhenAskedAndKeepsNull() {
    ListingRequest plain = ListingRequest.of(S3Query.parse("prefix=a%20b"));
    ListingRequest encoded = ListingRequest.of(S3Query.parse("prefix=a%20b&encoding-type=url"));
    assertThat(plain.show(plain.prefix())).isEqualTo("a b");
    assertThat(encoded.show(encoded.prefix())).isEqualTo("a%20b");
    assertThat(encoded.show(null)).isNull();
  }

  @Test
  void aNulInAnyListingParameterIsInvalidArgumentNamingIt() {
    for (String name : new String[] {"prefix", "delimiter", "marker", "start-after", "key-marker"}) {
      S3Query query = S3Query.parse(name + "=a%00b");
      assertThatThrownBy(() -> {
        ListingRequest.of(query);
        ListingRequest.text(query, name);
      }).isInstanceOfSatisfying(S3Exception.class, e -> {
        assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains(name);
      });
    }
  }

  @Test
  void badEncodingTypeAndMaxKeysAreInvalidArgument() {
    assertThatThrownBy(() -> ListingRequest.of(S3Query.parse("encoding-type=base64")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> ListingRequest.of(S3Query.parse("max-keys=-1")))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void versionIdMarkers_NullAndIssuedIdsPass_GarbageAndAMissingKeyMarkerDoNot() {
    assertThat(BucketListings.versionIdMarker("null", "k")).isEqualTo("null");
    assertThat(BucketListings.versionIdMarker("0b7e3d6c-1f7a-4c1e-9d3e-2a8f6c4b5e71", "k")).isNotNull();
    assertThat(BucketListings.versionIdMarker("", "k")).isNull();
    assertThatThrownBy(() -> BucketListings.versionIdMarker("null", null)).hasMessageContaining("without a key marker");
    assertThatThrownBy(() -> BucketListings.versionIdMarker("../x", "k")).hasMessageContaining("Invalid version id");
  }

  @Test
  void continuationTokensRoundTrip_AndOnesMockS3CannotHaveMadeAreRefused() {
    assertThat(BucketListings.decodeToken(BucketListings.encodeToken("dir/ключ 😀"))).isEqualTo("dir/ключ 😀");
    assertThatThrownBy(() -> BucketListings.decodeToken("!!!")).isInstanceOf(S3Exception.class);
    assertThatThrownBy(() -> BucketListings.decodeToken(BucketListings.encodeToken("a\0b"))).isInstanceOf(S3Exception.class);
    assertThatThrownBy(() -> BucketListings.decodeToken("_w")).isInstanceOf(S3Exception.class);
  }
}
