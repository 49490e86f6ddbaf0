package io.mocks3.tasks.origin;

import io.mocks3.faults.agent.BodyFault;
import io.mocks3.schemas.fault.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An upstream object staged in a temporary file and checked before anything is stored: the length
 * the upstream announced, and the MD5 its ETag names (a single-part ETag). Dirty data fails the
 * fetch. Closing it deletes the file.
 */
final class StagedObject implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StagedObject.class);
  private final Path file;

  StagedObject() throws IOException {
    this.file = Files.createTempFile("origin-", ".part");
  }

  Path file() {
    return file;
  }

  /**
   * Streams {@code body} into the file, through {@code bodyFault} when one fired, and checks it
   * against {@code response}.
   */
  Fetched stage(InputStream body, GetObjectResponse response, Action bodyFault) throws IOException, UpstreamFailure {
    MessageDigest md5 = md5();
    long copied;
    try (body; OutputStream out = Files.newOutputStream(file);
        OutputStream digesting = bodyFault != null
            ? new BodyFault(new DigestOutputStream(out, md5), bodyFault, response::contentLength)
            : new DigestOutputStream(out, md5)) {
      copied = body.transferTo(digesting);
    }
    if (response.contentLength() != null && copied != response.contentLength()) {
      throw new UpstreamFailure("the upstream sent " + copied + " of " + response.contentLength() + " bytes");
    }
    byte[] digest = md5.digest();
    String etag = response.eTag() == null ? "" : response.eTag().replace("\"", "");
    if (etag.matches("[0-9a-fA-F]{32}") && !etag.equalsIgnoreCase(HexFormat.of().formatHex(digest))) {
      throw new DirtyData("dirty data: the bytes' MD5 " + HexFormat.of().formatHex(digest)
          + " is not the upstream's ETag " + etag + "; nothing stored");
    }
    return new Fetched(copied, digest, headers(response), response.metadata());
  }

  /** The headers of the upstream's object that are stored with it. */
  private static Map<String, String> headers(GetObjectResponse response) {
    Map<String, String> headers = new LinkedHashMap<>();
    put(headers, "Content-Type", response.contentType());
    put(headers, "Cache-Control", response.cacheControl());
    put(headers, "Content-Disposition", response.contentDisposition());
    put(headers, "Content-Encoding", response.contentEncoding());
    put(headers, "Content-Language", response.contentLanguage());
    return headers;
  }

  private static void put(Map<String, String> headers, String name, String value) {
    if (value != null && !value.isBlank()) {
      headers.put(name, value);
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes the file; a file that will not go is logged, not thrown: the fetch's outcome stands. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete {}: {}", file, e.getMessage());
    }
  }

  /** The bytes are not what the upstream's ETag says. */
  static final class DirtyData extends UpstreamFailure {
    DirtyData(String message) {
      super(message);
    }
  }
}
