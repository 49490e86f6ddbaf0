package io.mocks3.gateway.http;

import io.mocks3.gateway.history.HistoryCapture;
import io.mocks3.gateway.core.Integrity;
import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An object body as the client meant it (aws-chunked framing removed, declared length enforced)
 * and what it must prove about itself: Content-MD5 and {@code x-amz-checksum-*} values, from
 * headers or from the aws-chunked trailer.
 */
record RequestBody(InputStream stream, Integrity integrity) implements AutoCloseable {

  /**
   * The bytes of an object or a part (PutObject, UploadPart), which S3 takes only with their length
   * stated: in Content-Length, or, for an aws-chunked upload, in {@code x-amz-decoded-content-length}
   * (which may then come with {@code Transfer-Encoding: chunked}, as AWS's streaming upload allows).
   * A plain body sent with Transfer-Encoding is 501 NotImplemented naming the header, one without
   * Content-Length 411 MissingContentLength, as S3 answers them; nothing is read.
   */
  static RequestBody ofObjectData(HttpServletRequest request) throws IOException {
    boolean framed = awsChunked(request);
    if (request.getHeader("Transfer-Encoding") != null) {
      if (!framed) {
        throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED,
            "A header you provided implies functionality that is not implemented: Transfer-Encoding");
      }
    } else if (request.getContentLengthLong() < 0) {
      throw new S3Exception(S3ErrorCode.MISSING_CONTENT_LENGTH);
    }
    return of(request, framed);
  }

  static RequestBody of(HttpServletRequest request) throws IOException {
    return of(request, awsChunked(request));
  }

  /** Whether the request's body is aws-chunked framed, as its headers say ({@link AwsChunkedInputStream#applies}). */
  private static boolean awsChunked(HttpServletRequest request) {
    return AwsChunkedInputStream.applies(request.getHeader("x-amz-content-sha256"), request.getHeader("Content-Encoding"),
        request.getHeader("x-amz-decoded-content-length"));
  }

  private static RequestBody of(HttpServletRequest request, boolean framed) throws IOException {
    InputStream raw = request.getInputStream();
    AwsChunkedInputStream chunked = null;
    InputStream stream = raw;
    if (framed) {
      String decoded = request.getHeader("x-amz-decoded-content-length");
      chunked = new AwsChunkedInputStream(raw);
      stream = new LengthCheckingInputStream(chunked, decoded == null ? -1 : parseLength(decoded));
    }
    return new RequestBody(HistoryCapture.observeWritten(request, stream), integrity(request, chunked));
  }

  /**
   * A body that is not the request's own (the file of a POST form), proven by what {@code headers}
   * declare (the form's fields seen as headers).
   */
  static RequestBody of(HttpServletRequest headers, InputStream body) {
    return new RequestBody(HistoryCapture.observeWritten(headers, body), integrity(headers, null));
  }

  private static Integrity integrity(HttpServletRequest request, AwsChunkedInputStream chunked) {
    Map<ChecksumAlgorithm, String> declared = new EnumMap<>(ChecksumAlgorithm.class);
    Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      String value = request.getHeader(algorithm.header());
      if (value != null) {
        declared.put(algorithm, value);
        algorithms.add(algorithm);
      }
    }
    if (declared.size() > 1) {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
          "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
    }
    for (String header : new String[] {"x-amz-sdk-checksum-algorithm", "x-amz-checksum-algorithm"}) {
      String name = request.getHeader(header);
      if (name != null) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(name);
        if (algorithm == null) {
          throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Checksum algorithm provided is unsupported. "
              + "Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }
        algorithms.add(algorithm);
      }
    }
    ChecksumAlgorithm trailer = trailerAlgorithm(request.getHeader("x-amz-trailer"));
    if (trailer != null) {
      algorithms.add(trailer);
    }
    return new Integrity(request.getHeader("Content-MD5"), algorithms, declared, () -> {
      Map<ChecksumAlgorithm, String> trailed = new EnumMap<>(ChecksumAlgorithm.class);
      if (trailer != null && chunked != null) {
        String value = chunked.trailers().get(trailer.header());
        if (value == null) {
          throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "The trailer " + trailer.header() + " announced by x-amz-trailer is missing.");
        }
        trailed.put(trailer, value);
      }
      return trailed;
    });
  }

  private static ChecksumAlgorithm trailerAlgorithm(String header) {
    if (header == null) {
      return null;
    }
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      if (header.trim().equalsIgnoreCase(algorithm.header())) {
        return algorithm;
      }
    }
    return null;
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "x-amz-decoded-content-length is not a number");
    }
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
