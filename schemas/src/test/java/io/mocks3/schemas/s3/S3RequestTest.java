package io.mocks3.schemas.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class S3RequestTest {
  private static final Set<String> BASE_DOMAINS = Set.of("localhost", "s3.amazonaws.com");
  private static final String HOST = "127.0.0.1:8080";
  private static final String VERSION = "3f1c2b9e-6a4d-4c1e-9b7a-2d5e8f0a1b2c";

  /** A request: method, Host, raw path, raw query, x-amz-copy-source (or null). */
  record Http(String method, String host, String path, String query, String copySource) {}

  /** What it reads as: operation, bucket, key, versionId. */
  record Read(String operation, String bucket, String key, String versionId) {}

  static Arguments row(String method, String path, String query, String operation, String bucket, String key) {
    return Arguments.of(new Http(method, HOST, path, query, null), new Read(operation, bucket, key, null));
  }

  static Stream<Arguments> everyRouteTheGatewayServes() {
    return Stream.of(
        row("GET", "/", null, "ListBuckets", null, null),
        row("PUT", "/b", null, "CreateBucket", "b", null),
        row("HEAD", "/b", null, "HeadBucket", "b", null),
        row("DELETE", "/b", null, "DeleteBucket", "b", null),
        row("GET", "/b", null, "ListObjects", "b", null),
        row("GET", "/b/", "list-type=2&prefix=a", "ListObjectsV2", "b", null),
        row("GET", "/b", "versions&prefix=a", "ListObjectVersions", "b", null),
        row("GET", "/b", "uploads", "ListMultipartUploads", "b", null),
        row("GET", "/b", "location", "GetBucketLocation", "b", null),
        row("POST", "/b", "delete", "DeleteObjects", "b", null),
        row("GET", "/b", "acl", "GetBucketAcl", "b", null),
        row("PUT", "/b", "acl", "PutBucketAcl", "b", null),
        row("GET", "/b", "tagging", "GetBucketTagging", "b", null),
        row("PUT", "/b", "tagging", "PutBucketTagging", "b", null),
        row("DELETE", "/b", "tagging", "DeleteBucketTagging", "b", null),
        row("GET", "/b", "cors", "GetBucketCors", "b", null),
        row("PUT", "/b", "cors", "PutBucketCors", "b", null),
        row("DELETE", "/b", "cors", "DeleteBucketCors", "b", null),
        row("GET", "/b", "versioning", "GetBucketVersioning", "b", null),
        row("PUT", "/b", "versioning", "PutBucketVersioning", "b", null),
        row("GET", "/b", "notification", "GetBucketNotificationConfiguration", "b", null),
        row("PUT", "/b", "notification", "PutBucketNotificationConfiguration", "b", null),
        row("GET", "/b", "lifecycle", "GetBucketLifecycleConfiguration", "b", null),
        row("PUT", "/b", "lifecycle", "PutBucketLifecycleConfiguration", "b", null),
        row("DELETE", "/b", "lifecycle", "DeleteBucketLifecycle", "b", null),
        row("GET", "/b", "mocks3-origin", "GetBucketOrigin", "b", null),
        row("PUT", "/b", "mocks3-origin", "PutBucketOrigin", "b", null),
        row("DELETE", "/b", "mocks3-origin", "DeleteBucketOrigin", "b", null),
        row("GET", "/b", "policy", "GetBucketPolicy", "b", null),
        row("DELETE", "/b", "website", "DeleteBucketWebsite", "b", null),
        row("PUT", "/b/k", null, "PutObject", "b", "k"),
        row("GET", "/b/k", null, "GetObject", "b", "k"),
        row("HEAD", "/b/k", null, "HeadObject", "b", "k"),
        row("DELETE", "/b/k", null, "DeleteObject", "b", "k"),
        row("GET", "/b/k", "tagging", "GetObjectTagging", "b", "k"),
        row("PUT", "/b/k", "tagging", "PutObjectTagging", "b", "k"),
        row("DELETE", "/b/k", "tagging", "DeleteObjectTagging", "b", "k"),
        row("GET", "/b/k", "acl", "GetObjectAcl", "b", "k"),
        row("PUT", "/b/k", "acl", "PutObjectAcl", "b", "k"),
        row("GET", "/b/k", "attributes", "GetObjectAttributes", "b", "k"),
        row("POST", "/b/k", "uploads", "CreateMultipartUpload", "b", "k"),
        row("PUT", "/b/k", "partNumber=1&uploadId=u", "UploadPart", "b", "k"),
        row("POST", "/b/k", "uploadId=u", "CompleteMultipartUpload", "b", "k"),
        row("DELETE", "/b/k", "uploadId=u", "AbortMultipartUpload", "b", "k"),
        row("GET", "/b/k", "uploadId=u", "ListParts", "b", "k"),
        row("GET", "/b/k", "retention", "GetObjectRetention", "b", "k"),
        row("POST", "/b/k", "select&select-type=2", "SelectObjectContent", "b", "k"),
        // Precedence and methods without an operation, as the gateway routes them.
        row("GET", "/b", "acl&tagging", "GetBucketAcl", "b", null),
        row("GET", "/b", "tagging&website", "GetBucketWebsite", "b", null),
        row("PUT", "/b", "location", "CreateBucket", "b", null),
        row("DELETE", "/b", "versioning", S3Request.METHOD_NOT_ALLOWED, "b", null),
        row("POST", "/b", null, "PostObject", "b", null),
        row("PUT", "/", null, S3Request.METHOD_NOT_ALLOWED, null, null),
        row("GET", "/b/k", "uploads", S3Request.METHOD_NOT_ALLOWED, "b", "k"),
        row("POST", "/b/k", null, S3Request.METHOD_NOT_ALLOWED, "b", "k"),
        // Keys: decoded once, '+' is a plus, "%2F" a slash, empty segments kept.
        row("GET", "/b/my%20photo.jpg", null, "GetObject", "b", "my photo.jpg"),
        row("GET", "/b/a+b", null, "GetObject", "b", "a+b"),
        row("GET", "/b/a%2Bb", null, "GetObject", "b", "a+b"),
        row("GET", "/b/dir%2Ffile", null, "GetObject", "b", "dir/file"),
        row("GET", "/b/a//b/../c", null, "GetObject", "b", "a//b/../c"),
        row("GET", "/b/%C3%A9t%C3%A9/%E6%97%A5%E6%9C%AC", null, "GetObject", "b", "été/日本"),
        Arguments.of(new Http("GET", "b.localhost:8080", "/k", null, null), new Read("GetObject", "b", "k", null)),
        Arguments.of(new Http("DELETE", "photos.s3.amazonaws.com", "/", "lifecycle", null),
            new Read("DeleteBucketLifecycle", "photos", null, null)),
        Arguments.of(new Http("GET", "B.LOCALHOST", "/dir/a%20b", null, null), new Read("GetObject", "b", "dir/a b", null)),
        Arguments.of(new Http("GET", "localhost:8080", "/b/k", null, null), new Read("GetObject", "b", "k", null)),
        Arguments.of(new Http("GET", HOST, "/b/k", "versionId=" + VERSION, null), new Read("GetObject", "b", "k", VERSION)),
        Arguments.of(new Http("DELETE", "b.localhost", "/k", "versionId=null", null), new Read("DeleteObject", "b", "k", "null")),
        Arguments.of(new Http("PUT", HOST, "/b/k", null, "/src/a%20b"), new Read("CopyObject", "b", "k", null)),
        Arguments.of(new Http("PUT", HOST, "/b/k", "partNumber=2&uploadId=u", "src/a"), new Read("UploadPartCopy", "b", "k", null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRouteTheGatewayServes")
  void readsEveryRouteAsTheGatewayServesIt(Http http, Read expected) {
    S3Request request = parse(http);
    assertThat(new Read(request.operation(), request.bucket(), request.key(), request.versionId())).isEqualTo(expected);
  }

  @Test
  void theSubResourceAndWhetherMockS3ServesItComeWithTheOperation() {
    S3Request lifecycle = parse(new Http("DELETE", HOST, "/b", "lifecycle", null));
    assertThat(lifecycle.subresource()).isEqualTo("lifecycle");
    assertThat(lifecycle.served()).isTrue();
    S3Request website = parse(new Http("PUT", HOST, "/b", "website", null));
    assertThat(website.operation()).isEqualTo("PutBucketWebsite");
    assertThat(website.served()).isFalse();
    assertThat(parse(new Http("GET", HOST, "/b/k", null, null)).subresource()).isNull();
  }

  @Test
  void aCopySourceIsReadWithItsVersion() {
    S3Request copy = parse(new Http("PUT", "dst.localhost", "/to%2Fkey", null, "/src/photos/a%20b+c.jpg?versionId=" + VERSION));
    assertThat(copy.copySource()).isEqualTo(new CopySource("src", "photos/a b+c.jpg", VERSION));
    assertThat(copy.key()).isEqualTo("to/key");
    assertThat(parse(new Http("GET", HOST, "/b/k", null, "/src/a")).copySource()).as("only copies have one").isNull();
    assertThat(parse(new Http("PUT", HOST, "/b/k", null, "nokey")).copySource()).isNull();
    assertThatThrownBy(() -> CopySource.parse("nokey")).isInstanceOf(MalformedS3Request.class)
        .extracting(e -> ((MalformedS3Request) e).code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void queryParametersAreFormDecodedFirstValueWins() {
    S3Request list = parse(new Http("GET", HOST, "/b", "list-type=2&prefix=a%2Fb+c&max-keys=5&prefix=ignored&=x", null));
    assertThat(list.query().get("prefix")).isEqualTo("a/b c");
    assertThat(list.query().get("max-keys")).isEqualTo("5");
    assertThat(list.query().get("marker")).isNull();
    assertThat(list.query().names()).containsExactly("list-type", "prefix", "max-keys", "");
    assertThat(parse(new Http("PUT", HOST, "/b/k", "uploadId=u%2B1&partNumber=3", null)).uploadId()).isEqualTo("u+1");
    assertThat(QueryParameters.parse(null).names()).isEmpty();
  }

  @Test
  void brokenEscapesAreMalformedWithTheErrorS3Answers() {
    assertThatThrownBy(() -> parse(new Http("GET", HOST, "/b/k%zz", null, null)))
        .isInstanceOfSatisfying(MalformedS3Request.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_URI));
    assertThatThrownBy(() -> parse(new Http("GET", HOST, "/b", "prefix=%E", null)))
        .isInstanceOfSatisfying(MalformedS3Request.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT));
  }

  private static S3Request parse(Http http) {
    return S3Request.parse(http.method(), http.host(), http.path(), http.query(),
        name -> S3Request.COPY_SOURCE_HEADER.equals(name) ? http.copySource() : null, BASE_DOMAINS);
  }
}
