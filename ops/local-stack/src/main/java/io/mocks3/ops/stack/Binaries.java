package io.mocks3.ops.stack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks the server binaries that Maven artifacts ship (zonky's PostgreSQL, embedded-redis'
 * Redis) into the stack's bin directory, once. Nothing is downloaded at run time.
 */
final class Binaries {
  static final String POSTGRES_ARCHIVE = "/postgres-linux-x86_64.txz";
  static final String REDIS_BINARY = "/redis-server-6.2.6-v5-linux-amd64";

  private Binaries() {}

  /** The directory holding PostgreSQL's bin/, lib/ and share/. */
  static Path postgres(Path binRoot) throws IOException {
    Path dir = binRoot.resolve("postgres");
    if (Files.exists(dir.resolve(".complete"))) {
      return dir;
    }
    Files.createDirectories(dir);
    try (InputStream raw = resource(POSTGRES_ARCHIVE);
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = dir.resolve(entry.getName()).normalize();
        if (!target.startsWith(dir)) {
          throw new IOException("archive entry escapes its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          if ((entry.getMode() & 0100) != 0) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    }
    Files.createFile(dir.resolve(".complete"));
    return dir;
  }

  static Path redis(Path binRoot) throws IOException {
    Path binary = binRoot.resolve("redis-server");
    if (Files.isExecutable(binary)) {
      return binary;
    }
    Files.createDirectories(binRoot);
    try (InputStream in = resource(REDIS_BINARY)) {
      Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
    return binary;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = Binaries.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the launcher's classpath (its Maven artifact is missing)");
    }
    return in;
  }
}
