package io.mocks3.storage.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content addressing: {@code content/xx/<sha-256>} is a hard link to the first blob with those
 * bytes; a later blob with the same bytes becomes another link to it (swapped in by an atomic
 * rename), so identical content is stored once whatever its names, and removing one name keeps
 * the bytes for the others. A crash at any point leaves either a blob's own copy or a link: both
 * are correct.
 */
final class ContentLinks {
  private final BlobLayout layout;

  ContentLinks(BlobLayout layout) {
    this.layout = layout;
  }

  /**
   * Makes a just-published blob share the bytes of an earlier blob with the same content.
   *
   * @param sha256Hex the blob's SHA-256, when its writer hashed it on the way; null to read the file
   */
  void deduplicate(Path blob, String sha256Hex) throws IOException {
    Path shared = layout.content(sha256Hex != null ? sha256Hex : sha256(blob));
    try {
      BlobLayout.intoDirectory(shared, to -> Files.createLink(to, blob));
    } catch (FileAlreadyExistsException e) {
      if (Files.isSameFile(shared, blob)) {
        return;
      }
      Path link = blob.resolveSibling(blob.getFileName() + ".link");
      Files.deleteIfExists(link);
      Files.createLink(link, shared);
      Files.move(link, blob, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Removes one blob name; its bytes go with it when no other blob shares them. */
  void remove(Path blob) throws IOException {
    Path shared = layout.content(sha256(blob));
    Files.delete(blob);
    if (Files.exists(shared) && (Integer) Files.getAttribute(shared, "unix:nlink") <= 1) {
      Files.delete(shared);
    }
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return HexFormat.of().formatHex(digest(in, "SHA-256"));
    }
  }

  /** The {@code algorithm} digest of everything {@code in} holds. */
  static byte[] digest(InputStream in, String algorithm) throws IOException {
    MessageDigest digest = messageDigest(algorithm);
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) > 0) {
      digest.update(buffer, 0, n);
    }
    return digest.digest();
  }

  static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no " + algorithm, e);
    }
  }
}
