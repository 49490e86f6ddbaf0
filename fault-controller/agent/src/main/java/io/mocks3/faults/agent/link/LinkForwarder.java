package io.mocks3.faults.agent.link;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One network link of a process: a TCP forwarder on 127.0.0.1 that the process's clients connect
 * to instead of the real address (Kafka, PostgreSQL, Redis, another service), forwarding each
 * connection to it through a {@link Toxic}. A change of toxic acts on open connections at once.
 *
 * <p>A blackhole drops bytes, as a partition does; because a TCP stream with a hole in it can carry
 * no protocol on, every connection that lost bytes is reset when the blackhole ends, and the client
 * reconnects the way it would after a partition that outlived its timeouts.
 */
public final class LinkForwarder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LinkForwarder.class);
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private final String name;
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<LinkConnection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong upstreamBytes = new AtomicLong();
  private final AtomicLong downstreamBytes = new AtomicLong();
  private final AtomicInteger accepted = new AtomicInteger();
  /** Guards toxic changes against the pipes' drop decisions, and wakes pipes waiting out a toxic. */
  private final Object monitor = new Object();
  private volatile Toxic toxic = Toxic.NONE;
  private volatile boolean closed;

  private LinkForwarder(String name, ServerSocket server, InetSocketAddress target) {
    this.name = name;
    this.server = server;
    this.target = target;
  }

  /** Listens on 127.0.0.1:{@code port} (0: any free port) and forwards to {@code target}; accepting at once. */
  public static LinkForwarder open(String name, int port, InetSocketAddress target) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    try {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    } catch (IOException e) {
      server.close();
      throw new IOException("link " + name + ": cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
          + "); is another MockS3 stack using this port offset?", e);
    }
    LinkForwarder link = new LinkForwarder(name, server, target);
    Thread acceptor = new Thread(link::acceptLoop, "link-" + name + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return link;
  }

  public String name() {
    return name;
  }

  public int port() {
    return server.getLocalPort();
  }

  public InetSocketAddress target() {
    return target;
  }

  public Toxic toxic() {
    return toxic;
  }

  public int openConnections() {
    return connections.size();
  }

  /** Bytes delivered upstream (client to server) or downstream; dropped bytes do not count. */
  public long bytesForwarded(boolean upstream) {
    return upstream ? upstreamBytes.get() : downstreamBytes.get();
  }

  /**
   * Puts {@code next} on the link. A reset resets every open connection; leaving a blackhole resets
   * the connections that lost bytes in it; pipes waiting out a delay re-read the toxic at once.
   */
  public void toxic(Toxic next) {
    synchronized (monitor) {
      Toxic previous = toxic;
      toxic = next;
      monitor.notifyAll();
      if (next.kind() == Toxic.Kind.RESET) {
        connections.forEach(LinkConnection::reset);
      } else if (previous.kind() == Toxic.Kind.BLACKHOLE && !previous.equals(next)) {
        connections.stream().filter(LinkConnection::lostBytes).forEach(LinkConnection::reset);
      }
    }
  }

  /** Drops the bytes in hand when a blackhole covers their direction, marking the connection as holed. */
  boolean dropped(LinkConnection connection, boolean upstream) {
    synchronized (monitor) {
      if (!toxic.acts(Toxic.Kind.BLACKHOLE, upstream)) {
        return false;
      }
      connection.markLostBytes();
      return true;
    }
  }

  /** Waits up to {@code wait}, ending early when the toxic changes from {@code seen} or the link closes. */
  void await(Toxic seen, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (monitor) {
      long left;
      while (!closed && toxic == seen && (left = deadline - System.nanoTime()) > 0) {
        monitor.wait(Math.max(1, left / 1_000_000), 0);
      }
    }
  }

  /** Waits while a blackhole covers {@code upstream}: a partition also swallows the FIN. */
  void awaitNoBlackhole(boolean upstream) throws InterruptedException {
    synchronized (monitor) {
      while (!closed && toxic.acts(Toxic.Kind.BLACKHOLE, upstream)) {
        monitor.wait(1_000);
      }
    }
  }

  void counted(boolean upstream, int bytes) {
    (upstream ? upstreamBytes : downstreamBytes).addAndGet(bytes);
  }

  void ended(LinkConnection connection) {
    connections.remove(connection);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        open(client);
      } catch (IOException e) {
        if (!closed) {
          log.warn("link {}: accept failed: {}", name, e.toString());
        }
      }
    }
  }

  private void open(Socket client) {
    if (toxic.kind() == Toxic.Kind.RESET) {
      LinkConnection.reset(client);
      return;
    }
    Socket upstream = new Socket();
    try {
      upstream.connect(target, CONNECT_TIMEOUT_MS);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
    } catch (IOException e) {
      log.debug("link {}: {} refused a connection: {}", name, target, e.toString());
      LinkConnection.reset(upstream);
      LinkConnection.reset(client);
      return;
    }
    LinkConnection connection = new LinkConnection(this, client, upstream, accepted.incrementAndGet());
    connections.add(connection);
    if (closed) {
      connection.reset();
      return;
    }
    connection.start();
  }

  @Override
  public void close() {
    closed = true;
    synchronized (monitor) {
      monitor.notifyAll();
    }
    try {
      server.close();
    } catch (IOException e) {
      log.debug("link {}: closing its listener: {}", name, e.toString());
    }
    connections.forEach(LinkConnection::reset);
  }

  @Override
  public String toString() {
    return name + " (127.0.0.1:" + port() + " -> " + target.getHostString() + ":" + target.getPort() + ")";
  }
}
