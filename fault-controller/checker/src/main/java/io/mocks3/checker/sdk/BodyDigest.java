package io.mocks3.checker.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;

/** The sha256 of a request body the SDK can replay (it reads a new stream; the request's own is untouched). */
final class BodyDigest {

  private BodyDigest() {
  }

  static Optional<String> sha256(RequestBody body) {
    if (body.optionalContentLength().isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = body.contentStreamProvider().newStream()) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return Optional.of(HexFormat.of().formatHex(digest.digest()));
    } catch (IOException | NoSuchAlgorithmException e) {
      // Without the hash the put is still recorded by its ETag; the history stays usable.
      return Optional.empty();
    }
  }
}
