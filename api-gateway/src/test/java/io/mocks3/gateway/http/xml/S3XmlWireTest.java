package io.mocks3.gateway.http.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.golden.GoldenFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every S3 XML document the gateway writes or reads with {@link S3Xml}. The fixtures are what the Jackson 2 mapper
 * wrote (answers: the bytes must not change) and what S3 clients send (requests, with namespace and indentation: they
 * must read as before). The gateway never reads its answers, so they are not read back.
 */
class S3XmlWireTest {
  private static final GoldenFixtures GOLDEN = new GoldenFixtures(Path.of("src/test/resources/golden/xml"));
  private static final Owner OWNER = Owner.DEFAULT;
  private static final String TIME = "2026-11-22T10:15:30.123Z";
  private static final Checksums CRC32 = Checksums.of(java.util.Map.of(io.mocks3.schemas.blob.ChecksumAlgorithm.CRC32, "NhCmhg=="));

  record Answer(String name, Object body) {
    @Override
    public String toString() {
      return name;
    }
  }

  record Request(String name, Class<?> type, Object expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Answer> answers() {
    return Stream.of(
        new Answer("list-buckets.xml", new ListAllMyBucketsResult(OWNER,
            List.of(new ListAllMyBucketsResult.Bucket("photos", TIME), new ListAllMyBucketsResult.Bucket("logs", TIME)), null, null)),
        new Answer("list-buckets-empty.xml", new ListAllMyBucketsResult(OWNER, List.of(), null, null)),
        new Answer("list-objects-v2.xml", new ListBucketResult("photos", "2026/", null, null, "2026/a", "tok", "next", 2, 1000,
            "/", "url", true,
            List.of(new ListBucketResult.Content("2026/cat & \"dog\" <\u0001>\r.jpg", TIME, "\"5d41\"", 5, OWNER, "STANDARD"),
                new ListBucketResult.Content("2026/b", TIME, "\"e-2\"", 0, null, "STANDARD")),
            List.of(new ListBucketResult.CommonPrefix("2026/x/")))),
        new Answer("list-objects-empty.xml",
            new ListBucketResult("photos", "", "", null, null, null, null, null, 0, null, null, false, null, null)),
        new Answer("list-versions.xml", new ListVersionsResult("photos", "", "a", "v0", "b", "v2", 2, null, null, true,
            List.of(new ListVersionsResult.Version("a", "v1", true, TIME, "\"e\"", 3, OWNER, "STANDARD")),
            List.of(new ListVersionsResult.DeleteMarker("b", "v2", false, TIME, OWNER)),
            List.of(new ListBucketResult.CommonPrefix("c/")))),
        new Answer("list-uploads.xml", new ListMultipartUploadsResult("photos", "", "", "k", "u-1", "", null, 1000, false,
            List.of(new ListMultipartUploadsResult.Upload("k", "u-1", OWNER, OWNER, "STANDARD", TIME)), List.of(), null)),
        new Answer("list-parts.xml", new ListPartsResult("photos", "k", "u-1", 0, 2, 1000, false,
            List.of(new ListPartsResult.Part(1, TIME, "\"p1\"", 5_242_880, CRC32),
                new ListPartsResult.Part(2, TIME, "\"p2\"", 1, Checksums.ofPart(java.util.Map.of()))),
            OWNER, OWNER, "STANDARD")),
        new Answer("initiate-multipart.xml", new InitiateMultipartUploadResult("photos", "k", "u-1")),
        new Answer("complete-multipart.xml",
            new CompleteMultipartUploadResult("http://localhost/photos/k", "photos", "k", "\"abc-2\"", CRC32)),
        new Answer("copy-object.xml", new CopyObjectResult(TIME, "\"e\"", CRC32)),
        new Answer("copy-part.xml", new CopyObjectResult.CopyPartResult(TIME, "\"e\"")),
        new Answer("delete-result.xml", new DeleteResult(
            List.of(new DeleteResult.Deleted("a", null, null, null), new DeleteResult.Deleted("b", "v1", true, "v2")),
            List.of(new DeleteResult.Error("c", null, "AccessDenied", "Access Denied")))),
        new Answer("object-attributes.xml", new GetObjectAttributesResponse("abc", CRC32,
            new GetObjectAttributesResponse.ObjectParts(2, 0, 2, 1000, false,
                List.of(new GetObjectAttributesResponse.Part(1, 5, CRC32))), "STANDARD", 10L)),
        new Answer("location.xml", new LocationConstraint("eu-west-1")),
        new Answer("location-us-east-1.xml", new LocationConstraint(null)),
        new Answer("tagging.xml", Tagging.of(List.of(new Tagging.Tag("a", "1"), new Tagging.Tag("b&", "<2>")))),
        new Answer("tagging-empty.xml", Tagging.of(List.of())),
        new Answer("versioning.xml", new VersioningConfiguration("Enabled", null)),
        new Answer("versioning-never.xml", new VersioningConfiguration(null, null)),
        new Answer("cors.xml", new CorsConfiguration(List.of(new CorsConfiguration.Rule("r", List.of("*"), List.of("GET", "PUT"),
            List.of("https://a.example"), List.of("ETag"), 300)))),
        new Answer("lifecycle.xml", new LifecycleConfigurationXml(List.of(new LifecycleConfigurationXml.Rule("r1",
            new LifecycleConfigurationXml.Filter("logs/", null, null, null, null), null, "Enabled",
            new LifecycleConfigurationXml.Expiration(30, null, null), null,
            new LifecycleConfigurationXml.AbortIncompleteMultipartUpload(7), null, null)))),
        new Answer("notification.xml", new NotificationConfigurationXml(null, List.of(new NotificationConfigurationXml.Entry("q1",
            null, "arn:mocks3:webhook:::http://localhost:9/h", null, List.of("s3:ObjectCreated:*"),
            new NotificationConfigurationXml.Filter(new NotificationConfigurationXml.S3Key(
                List.of(new NotificationConfigurationXml.FilterRule("prefix", "a/")))))), null, null)));
  }

  static Stream<Request> requests() {
    return Stream.of(
        new Request("request-complete-multipart.xml", CompleteMultipartUploadRequest.class,
            new CompleteMultipartUploadRequest(List.of(
                new CompleteMultipartUploadRequest.Part(1, "\"p1\"", "NhCmhg==", null, null, null, null),
                new CompleteMultipartUploadRequest.Part(2, "\"p2\"", null, null, null, null, null)))),
        new Request("request-delete.xml", Delete.class, new Delete(true,
            List.of(new Delete.ObjectIdentifier("a&b", null), new Delete.ObjectIdentifier("c", "v1")))),
        new Request("request-create-bucket.xml", CreateBucketConfiguration.class, new CreateBucketConfiguration("eu-west-1")),
        new Request("request-tagging.xml", Tagging.class,
            Tagging.of(List.of(new Tagging.Tag("a", "1"), new Tagging.Tag("b", "")))),
        new Request("request-versioning.xml", VersioningConfiguration.class, new VersioningConfiguration("Suspended", "Disabled")),
        new Request("request-cors.xml", CorsConfiguration.class, new CorsConfiguration(List.of(
            new CorsConfiguration.Rule(null, null, List.of("GET"), List.of("*"), null, 3000)))),
        new Request("request-lifecycle.xml", LifecycleConfigurationXml.class, new LifecycleConfigurationXml(List.of(
            new LifecycleConfigurationXml.Rule("r1", new LifecycleConfigurationXml.Filter(null, null,
                new LifecycleConfigurationXml.And("logs/", List.of(new Tagging.Tag("t", "1")), 10L, null), null, null),
                null, "Enabled", new LifecycleConfigurationXml.Expiration(null, "2027-01-01T00:00:00Z", null),
                new LifecycleConfigurationXml.NoncurrentVersionExpiration(5), null,
                List.of(new LifecycleConfigurationXml.Transition("30", null, "GLACIER")), null)))),
        new Request("request-notification.xml", NotificationConfigurationXml.class, new NotificationConfigurationXml(
            List.of(new NotificationConfigurationXml.Entry(null, "arn:mocks3:webhook:::http://h/t", null, null,
                List.of("s3:ObjectRemoved:*", "s3:ObjectCreated:Put"), null)), null, null, null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void writesTheSameBytesAsBefore(Answer answer) {
    String written = new String(S3Xml.write(answer.body()), StandardCharsets.UTF_8);

    assertThat(written).isEqualTo(GOLDEN.fixture(answer.name(), written));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void readsWhatClientsSend(Request request) throws Exception {
    byte[] fixture = GOLDEN.fixture(request.name()).getBytes(StandardCharsets.UTF_8);

    assertThat(S3Xml.read(fixture, request.type())).usingRecursiveComparison().isEqualTo(request.expected());
  }
}
