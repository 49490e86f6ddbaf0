package io.mocks3.faults.agent.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection through a link: the client's socket, the socket to the real server, and
 * a pipe thread each way that forwards what it reads through the link's current toxic.
 */
final class LinkConnection {
  private static final int CHUNK = 16 * 1024;
  /** Bandwidth is paced in slices of a twentieth of a second's worth of bytes. */
  private static final int SLICES_PER_SECOND = 20;
  private final LinkForwarder link;
  private final Socket client;
  private final Socket server;
  private final int number;
  private final AtomicBoolean lostBytes = new AtomicBoolean();
  private final AtomicInteger pipesOpen = new AtomicInteger(2);

  LinkConnection(LinkForwarder link, Socket client, Socket server, int number) {
    this.link = link;
    this.client = client;
    this.server = server;
    this.number = number;
  }

  void start() {
    pipe(true, client, server);
    pipe(false, server, client);
  }

  private void pipe(boolean upstream, Socket from, Socket to) {
    Thread thread = new Thread(() -> run(upstream, from, to),
        "link-" + link.name() + "-" + number + (upstream ? "-up" : "-down"));
    thread.setDaemon(true);
    thread.start();
  }

  private void run(boolean upstream, Socket from, Socket to) {
    byte[] buffer = new byte[CHUNK];
    // The streams are not closed here: closing one closes its socket, and the other pipe may still run.
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        forward(upstream, buffer, n, out);
      }
      closeOutput(upstream, to);
    } catch (IOException e) {
      // A reset or broken side: the other side sees a reset too, as it would without the link.
      reset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reset();
    } finally {
      if (pipesOpen.decrementAndGet() == 0) {
        closeQuietly(client);
        closeQuietly(server);
        link.ended(this);
      }
    }
  }

  private void forward(boolean upstream, byte[] buffer, int length, OutputStream out)
      throws IOException, InterruptedException {
    if (link.dropped(this, upstream)) {
      return;
    }
    Toxic toxic = link.toxic();
    if (toxic.acts(Toxic.Kind.LATENCY, upstream)) {
      link.await(toxic, toxic.latencyDraw());
      toxic = link.toxic();
    }
    if (toxic.acts(Toxic.Kind.BANDWIDTH, upstream)) {
      paced(upstream, buffer, length, out, toxic);
      return;
    }
    if (link.dropped(this, upstream)) {
      return;
    }
    out.write(buffer, 0, length);
    out.flush();
    link.counted(upstream, length);
  }

  /** Writes in slices, each followed by the time the limit gives it; a change of toxic ends the pacing. */
  private void paced(boolean upstream, byte[] buffer, int length, OutputStream out, Toxic toxic)
      throws IOException, InterruptedException {
    int slice = (int) Math.max(1, Math.min(CHUNK, toxic.bytesPerSecond() / SLICES_PER_SECOND));
    for (int offset = 0; offset < length; offset += slice) {
      int size = Math.min(slice, length - offset);
      out.write(buffer, offset, size);
      out.flush();
      link.counted(upstream, size);
      if (link.toxic() == toxic) {
        link.await(toxic, Duration.ofNanos(size * 1_000_000_000L / toxic.bytesPerSecond()));
      }
    }
  }

  /** The FIN of one side: held by a slow close, swallowed while a blackhole lasts. */
  private void closeOutput(boolean upstream, Socket to) throws IOException, InterruptedException {
    link.awaitNoBlackhole(upstream);
    Toxic toxic = link.toxic();
    if (toxic.acts(Toxic.Kind.SLOW_CLOSE, upstream)) {
      link.await(toxic, toxic.delay());
    }
    if (!to.isClosed()) {
      to.shutdownOutput();
    }
  }

  void markLostBytes() {
    lostBytes.set(true);
  }

  boolean lostBytes() {
    return lostBytes.get();
  }

  /** Resets both sides (RST, not FIN): what a client sees when the network drops its connection. */
  void reset() {
    reset(client);
    reset(server);
  }

  static void reset(Socket socket) {
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0);
      }
    } catch (IOException e) {
      // Already gone: closing it is all that is left.
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket that failed tells nobody anything.
    }
  }
}
