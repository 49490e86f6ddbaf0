package io.mocks3.ops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The workload's calls on the AWS SDK for Java v2; its client (and connection pool) is shared by every thread. */
final class SdkConnection implements S3Connection {
  private final S3Client s3;
  private final String bucket;
  private final long partSize;

  SdkConnection(S3Client s3, String bucket, long partSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.partSize = partSize;
  }

  @Override
  public void put(String key, ObjectBody body) {
    call(() -> {
      if (body.length() <= partSize) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromContentProvider(body::stream, body.length(), "application/octet-stream"));
      } else {
        putInParts(key, body);
      }
      return null;
    });
  }

  private void putInParts(String key, ObjectBody body) {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    try {
      for (long offset = 0; offset < body.length(); offset += partSize) {
        int number = parts.size() + 1;
        ObjectBody part = new ObjectBody(number == 1 ? body.head() : new byte[0], body.payload(), Math.min(partSize, body.length() - offset));
        String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
            RequestBody.fromContentProvider(part::stream, part.length(), "application/octet-stream")).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      }
      s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (RuntimeException e) {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      throw e;
    }
  }

  @Override
  public long get(String key) {
    return call(() -> {
      try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toInputStream())) {
        return in.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public boolean exists(String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw failure(e);
    }
  }

  @Override
  public int list(String prefix, String delimiter, int maxKeys) {
    return call(() -> s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).delimiter(delimiter).maxKeys(maxKeys)).keyCount());
  }

  @Override
  public void delete(String key) {
    call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
  }

  @Override
  public void close() {
    // the client is the factory's
  }

  private static <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw failure(e);
    }
  }

  private static RequestFailed failure(SdkException e) {
    if (e instanceof S3Exception s3e) {
      String code = s3e.awsErrorDetails() == null ? null : s3e.awsErrorDetails().errorCode();
      return new RequestFailed(s3e.statusCode(), s3e.statusCode() + (code == null ? "" : " " + code), e.getMessage());
    }
    return new RequestFailed(0, e.getClass().getSimpleName(), e.getMessage());
  }

  /** One SDK client per target, with a pool as large as the most clients a workload runs. */
  record Factory(S3Client s3, String bucket, long partSize) implements S3Connection.Factory {
    @Override
    public S3Connection open() {
      return new SdkConnection(s3, bucket, partSize);
    }

    @Override
    public void close() {
      s3.close();
    }
  }
}
