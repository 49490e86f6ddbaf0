package io.mocks3.checker.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.checker.CheckReport;
import io.mocks3.checker.HistoryChecker;
import io.mocks3.checker.HistoryReader;
import io.mocks3.checker.HistoryWriter;
import io.mocks3.checker.Models;
import io.mocks3.checker.Op;
import io.mocks3.checker.Value;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Drives the interceptor through the SDK's hook calls, as the client would, and reads back what it wrote. */
class HistoryRecorderTest {

  private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

  private final StringWriter out = new StringWriter();
  private final HistoryRecorder recorder = new HistoryRecorder(new HistoryWriter(out), () -> "client-1");

  @Test
  void givenPutThenGet_WhenRecorded_ThenTheCheckerMatchesTheReadToThePut() throws IOException {
    put("k", RequestBody.fromString("hello"), PutObjectResponse.builder().eTag("\"e1\"").versionId("v1").build());
    succeed(GetObjectRequest.builder().bucket("b").key("k").build(),
        GetObjectResponse.builder().eTag("\"e1\"").versionId("v1").build());

    List<Op> ops = HistoryReader.read(new StringReader(out.toString()));

    assertThat(ops).extracting(Op::f, Op::type, Op::process, Op::registerKey).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Op.F.PUT, Op.Type.OK, "client-1", "b/k"),
        org.assertj.core.groups.Tuple.tuple(Op.F.GET, Op.Type.OK, "client-1", "b/k"));
    assertThat(ops.get(0).value()).isEqualTo(new Value("\"e1\"", "v1", HELLO_SHA256));
    CheckReport report = HistoryChecker.check(ops);
    assertThat(report.valid()).isTrue();
    assertThat(report.perKey().get("b/k").model()).isEqualTo(Models.LINEARIZABLE);
  }

  @Test
  void givenFailures_WhenRecorded_ThenNotFoundReadIsOkAbsent_ClientErrorFails_ServerErrorAndTimeoutAreInfo()
      throws IOException {
    fail(HeadObjectRequest.builder().bucket("b").key("k").build(), NoSuchKeyException.builder().statusCode(404)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchKey").build()).build());
    fail(PutObjectRequest.builder().bucket("b").key("k").build(), S3Exception.builder().statusCode(403).build());
    fail(PutObjectRequest.builder().bucket("b").key("k").build(), S3Exception.builder().statusCode(503).build());
    fail(GetObjectRequest.builder().bucket("b").key("k").build(), SdkClientException.create("read timed out"));

    List<Op> ops = HistoryReader.read(new StringReader(out.toString()));

    assertThat(ops).extracting(Op::f, Op::type, Op::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Op.F.HEAD, Op.Type.OK, 404),
        org.assertj.core.groups.Tuple.tuple(Op.F.PUT, Op.Type.FAIL, 403),
        org.assertj.core.groups.Tuple.tuple(Op.F.PUT, Op.Type.INFO, 503),
        org.assertj.core.groups.Tuple.tuple(Op.F.GET, Op.Type.INFO, null));
    assertThat(ops.get(0).value()).isNull();
    assertThat(out.toString()).contains("\"error\":\"NoSuchKey\"").contains("\"error\":\"SdkClientException\"");
  }

  @Test
  void givenListObjectsV2_WhenRecorded_ThenPrefixAndKeysOfThePage() throws IOException {
    succeed(ListObjectsV2Request.builder().bucket("b").prefix("d/").build(), ListObjectsV2Response.builder()
        .contents(S3Object.builder().key("d/1").build(), S3Object.builder().key("d/2").build()).build());

    assertThat(HistoryReader.read(new StringReader(out.toString()))).singleElement().satisfies(op -> {
      assertThat(op.f()).isEqualTo(Op.F.LIST);
      assertThat(op.prefix()).isEqualTo("d/");
      assertThat(op.registerListed()).containsExactly("b/d/1", "b/d/2");
    });
  }

  private void put(String key, RequestBody body, PutObjectResponse response) {
    PutObjectRequest request = PutObjectRequest.builder().bucket("b").key(key).build();
    ExecutionAttributes attributes = new ExecutionAttributes();
    recorder.beforeExecution(context(request, null, Optional.empty()), attributes);
    recorder.afterMarshalling(context(request, null, Optional.of(body)), attributes);
    recorder.afterExecution(context(request, response, Optional.empty()), attributes);
  }

  private void succeed(SdkRequest request, SdkResponse response) {
    ExecutionAttributes attributes = new ExecutionAttributes();
    recorder.beforeExecution(context(request, null, Optional.empty()), attributes);
    recorder.afterExecution(context(request, response, Optional.empty()), attributes);
  }

  private void fail(SdkRequest request, Throwable failure) {
    ExecutionAttributes attributes = new ExecutionAttributes();
    recorder.beforeExecution(context(request, null, Optional.empty()), attributes);
    recorder.onExecutionFailure(new Failed(request, failure), attributes);
  }

  private static InterceptorContext context(SdkRequest request, SdkResponse response, Optional<RequestBody> body) {
    return InterceptorContext.builder().request(request).response(response).requestBody(body.orElse(null))
        .httpRequest(SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT).protocol("http").host("localhost")
            .build())
        .build();
  }

  private record Failed(SdkRequest request, Throwable exception) implements Context.FailedExecution {

    @Override
    public Optional<software.amazon.awssdk.http.SdkHttpRequest> httpRequest() {
      return Optional.empty();
    }

    @Override
    public Optional<software.amazon.awssdk.http.SdkHttpResponse> httpResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SdkResponse> response() {
      return Optional.empty();
    }
  }
}
