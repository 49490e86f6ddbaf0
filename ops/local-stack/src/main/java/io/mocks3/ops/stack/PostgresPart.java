package io.mocks3.ops.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL 17 from zonky's binaries artifact, with logical WAL (for Debezium CDC) and
 * synchronous commit. PostgreSQL refuses to run as root; as root it runs inside a user
 * namespace ({@code unshare -U}), where it is not root.
 */
final class PostgresPart implements Part {
  private final StackLayout layout;
  private Path install;

  PostgresPart(StackLayout layout) {
    this.layout = layout;
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public int port() {
    return layout.port(StackLayout.POSTGRES);
  }

  private Path dataDir() {
    return layout.data("postgres");
  }

  @Override
  public void prepare() throws IOException {
    install = Binaries.postgres(layout.bin());
    if (Files.exists(dataDir().resolve("PG_VERSION"))) {
      return;
    }
    Files.createDirectories(dataDir());
    List<String> initdb = asUnprivileged(install.resolve("bin/initdb").toString(),
        "-D", dataDir().toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
    Process p = new ProcessBuilder(initdb).redirectErrorStream(true)
        .redirectOutput(layout.logs().resolve("postgres-initdb.log").toFile()).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("initdb failed; see " + layout.logs().resolve("postgres-initdb.log"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public List<String> command() {
    return asUnprivileged(install.resolve("bin/postgres").toString(),
        "-D", dataDir().toString(),
        "-p", String.valueOf(port()),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        "-c", "wal_level=logical",
        "-c", "synchronous_commit=on",
        "-c", "max_wal_senders=8",
        "-c", "max_replication_slots=8",
        "-c", "max_connections=200",
        "-c", "shared_buffers=128MB");
  }

  private static List<String> asUnprivileged(String program, String... args) {
    List<String> cmd = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.add("unshare");
      cmd.add("-U");
    }
    cmd.add(program);
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Override
  public boolean healthy() {
    return Probes.postgres(layout.jdbcUrl());
  }
}
