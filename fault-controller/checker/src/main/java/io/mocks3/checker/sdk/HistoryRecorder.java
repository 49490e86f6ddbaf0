package io.mocks3.checker.sdk;

import io.mocks3.checker.HistoryWriter;
import io.mocks3.schemas.history.HistoryRecord;
import io.mocks3.schemas.history.HistoryRecord.Value;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.S3Response;

/**
 * Records the history of an S3 client (SDK v2) for the checker: add it with
 * {@code S3Client.builder().overrideConfiguration(c -> c.addExecutionInterceptor(new HistoryRecorder(writer)))}.
 * PutObject, GetObject, HeadObject, DeleteObject and ListObjectsV2 are recorded as invoke (before execution) and
 * a completion: ok; ok with no value for a GetObject/HeadObject answered 404; fail for other 4xx (S3 refused, so it
 * did not happen); info for 5xx, timeouts and I/O errors (it may have happened).
 *
 * <p>Values: a put records the sha256 of its body when the SDK can replay it (every known-length
 * {@code RequestBody}), with the ETag and version id of the answer. A GetObject records the ETag and version id
 * only, not a sha256 of the bytes read (the completion is recorded when the call returns, before the caller has
 * read the stream): the checker then matches the read to the put by ETag.
 *
 * <p>The process is the calling thread's name by default: right for the synchronous client used by one thread
 * per logical client. With the async client, pass a supplier that names the logical client.
 */
public final class HistoryRecorder implements ExecutionInterceptor {

  private static final ExecutionAttribute<Invocation> INVOCATION =
      new ExecutionAttribute<>("io.mocks3.checker.invocation");
  private static final int NOT_FOUND = 404;

  private final HistoryWriter writer;
  private final Supplier<String> process;
  private long nextIndex;

  public HistoryRecorder(HistoryWriter writer) {
    this(writer, () -> Thread.currentThread().getName());
  }

  public HistoryRecorder(HistoryWriter writer, Supplier<String> process) {
    this.writer = writer;
    this.process = process;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    Invocation invocation = Invocation.of(context.request(), process.get());
    if (invocation != null) {
      attributes.putAttribute(INVOCATION, invocation);
      record(invocation, HistoryRecord.INVOKE, new Completion(null, null, null, null, null));
    }
  }

  @Override
  public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes attributes) {
    Invocation invocation = attributes.getAttribute(INVOCATION);
    if (invocation != null && "put".equals(invocation.f())) {
      invocation.bodySha256(context.requestBody().flatMap(BodyDigest::sha256).orElse(null));
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Invocation invocation = attributes.getAttribute(INVOCATION);
    if (invocation != null) {
      SdkResponse response = context.response();
      String requestId = response instanceof S3Response s3 && s3.responseMetadata() != null
          ? s3.responseMetadata().requestId() : null;
      Integer status = response.sdkHttpResponse() != null ? response.sdkHttpResponse().statusCode() : null;
      record(invocation, HistoryRecord.OK, new Completion(valueOf(invocation, response), listedOf(response),
          status, requestId, null));
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Invocation invocation = attributes.getAttribute(INVOCATION);
    if (invocation == null) {
      return;
    }
    Throwable failure = context.exception();
    // A put that may have happened still says what it would have written.
    Value attempted = invocation.bodySha256() == null ? null : new Value(null, null, invocation.bodySha256());
    if (!(failure instanceof SdkServiceException service)) {
      record(invocation, HistoryRecord.INFO, new Completion(attempted, null, null, null, failure.getClass()
          .getSimpleName()));
      return;
    }
    int status = service.statusCode();
    String error = failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        ? aws.awsErrorDetails().errorCode() : failure.getClass().getSimpleName();
    boolean read = "get".equals(invocation.f()) || "head".equals(invocation.f());
    String type = status == NOT_FOUND && read ? HistoryRecord.OK
        : status >= 400 && status < 500 ? HistoryRecord.FAIL : HistoryRecord.INFO;
    record(invocation, type, new Completion(read ? null : attempted, null, status, service.requestId(), error));
  }

  private Value valueOf(Invocation invocation, SdkResponse response) {
    if (response instanceof PutObjectResponse put) {
      return new Value(put.eTag(), put.versionId(), invocation.bodySha256());
    }
    if (response instanceof GetObjectResponse get) {
      return new Value(get.eTag(), get.versionId(), null);
    }
    if (response instanceof HeadObjectResponse head) {
      return new Value(head.eTag(), head.versionId(), null);
    }
    return null;
  }

  private static List<String> listedOf(SdkResponse response) {
    return response instanceof ListObjectsV2Response list
        ? list.contents().stream().map(S3Object::key).toList() : null;
  }

  /** Index and time are taken under the lock that writes the line, so lines are in index and time order. */
  private synchronized void record(Invocation invocation, String type, Completion completion) {
    writer.write(new HistoryRecord(nextIndex++, System.nanoTime(), invocation.process(), type, invocation.f(),
        invocation.bucket(), invocation.key(), completion.value(), completion.listed(), invocation.prefix(),
        completion.status(), completion.requestId(), null, completion.error(), null));
  }

  private record Completion(Value value, List<String> listed, Integer status, String requestId, String error) {
  }

  /** What an operation was asked to do; the body's sha256 is learnt after marshalling. */
  static final class Invocation {
    private final String f;
    private final String bucket;
    private final String key;
    private final String prefix;
    private final String process;
    private volatile String bodySha256;

    private Invocation(String f, String bucket, String key, String prefix, String process) {
      this.f = f;
      this.bucket = bucket;
      this.key = key;
      this.prefix = prefix;
      this.process = process;
    }

    static Invocation of(SdkRequest request, String process) {
      if (request instanceof PutObjectRequest r) {
        return new Invocation("put", r.bucket(), r.key(), null, process);
      }
      if (request instanceof GetObjectRequest r) {
        return new Invocation("get", r.bucket(), r.key(), null, process);
      }
      if (request instanceof HeadObjectRequest r) {
        return new Invocation("head", r.bucket(), r.key(), null, process);
      }
      if (request instanceof DeleteObjectRequest r) {
        return new Invocation("delete", r.bucket(), r.key(), null, process);
      }
      if (request instanceof ListObjectsV2Request r) {
        return new Invocation("list", r.bucket(), null, r.prefix() == null ? "" : r.prefix(), process);
      }
      return null;
    }

    String f() {
      return f;
    }

    String bucket() {
      return bucket;
    }

    String key() {
      return key;
    }

    String prefix() {
      return prefix;
    }

    String process() {
      return process;
    }

    String bodySha256() {
      return bodySha256;
    }

    void bodySha256(String sha256) {
      this.bodySha256 = sha256;
    }
  }
}
