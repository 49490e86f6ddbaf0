package io.mocks3.faults.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each toxic of a link, measured against a local echo server through a real forwarder. */
class LinkForwarderTest {
  private EchoServer echo;
  private LinkForwarder link;

  @BeforeEach
  void open() throws IOException {
    echo = new EchoServer();
    link = LinkForwarder.open("echo", 0, echo.address());
  }

  @AfterEach
  void close() throws IOException {
    link.close();
    echo.close();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), link.port());
    socket.setSoTimeout(5_000);
    return socket;
  }

  /** Sends {@code bytes}, reads them back; the nanoseconds that took. */
  private static long roundTrip(Socket socket, byte[] bytes) throws IOException {
    long start = System.nanoTime();
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    byte[] back = socket.getInputStream().readNBytes(bytes.length);
    long took = System.nanoTime() - start;
    assertThat(back).isEqualTo(bytes);
    return took;
  }

  @Test
  void givenNoToxic_ThenBytesGoThroughAndAreCountedEachWay() throws IOException {
    try (Socket socket = connect()) {
      roundTrip(socket, "hello".getBytes());
      assertThat(link.openConnections()).isEqualTo(1);
    }
    // Counted once written on: the echo can be back before the upstream thread has counted (a CI saw 0).
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(link.bytesForwarded(true)).isEqualTo(5);
      assertThat(link.bytesForwarded(false)).isEqualTo(5);
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> link.openConnections() == 0);
  }

  @Test
  void givenLatency150msEachWay_ThenARoundTripTakesAtLeast300ms() throws IOException {
    try (Socket socket = connect()) {
      roundTrip(socket, new byte[] {1});
      link.toxic(Toxic.latency(Duration.ofMillis(150), Duration.ofMillis(20), Direction.BOTH));
      long took = roundTrip(socket, new byte[] {2, 3});
      // 150 ms ±20 ms each way: at least 260 ms.
      assertThat(Duration.ofNanos(took)).isBetween(Duration.ofMillis(260), Duration.ofMillis(2_000));
      link.toxic(Toxic.latency(Duration.ofMillis(150), Duration.ZERO, Direction.UPSTREAM));
      took = roundTrip(socket, new byte[] {4});
      assertThat(Duration.ofNanos(took)).isBetween(Duration.ofMillis(150), Duration.ofMillis(290));
    }
  }

  @Test
  void givenABandwidthOf64KiBPerSecondDownstream_ThenAnEchoOf96KiBTakesAbout1point5s() throws IOException {
    byte[] payload = new byte[96 * 1024];
    Arrays.fill(payload, (byte) 7);
    link.toxic(Toxic.bandwidth(64 * 1024, Direction.DOWNSTREAM));
    try (Socket socket = connect()) {
      long took = roundTrip(socket, payload);
      assertThat(took / 1e9).isBetween(1.5 * 0.8, 1.5 * 1.2);
    }
  }

  @Test
  void givenReset_ThenTheOpenConnectionIsResetAndNewOnesToo() throws IOException {
    try (Socket socket = connect()) {
      roundTrip(socket, new byte[] {1});
      link.toxic(Toxic.reset());
      assertThatThrownBy(() -> {
        socket.getOutputStream().write(2);
        socket.getInputStream().read();
      }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
    }
    try (Socket fresh = connect()) {
      assertThatThrownBy(() -> fresh.getInputStream().read()).isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
    link.toxic(Toxic.NONE);
    try (Socket healed = connect()) {
      roundTrip(healed, new byte[] {3});
    }
  }

  @Test
  void givenBlackhole_ThenReadsTimeOut_AndAfterHealingNewConnectionsWorkWhileHoledOnesAreReset() throws IOException {
    Socket open = connect();
    roundTrip(open, new byte[] {1});
    link.toxic(Toxic.blackhole(Direction.BOTH));
    open.setSoTimeout(500);
    open.getOutputStream().write(2);
    assertThatThrownBy(() -> open.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
    try (Socket fresh = connect()) {
      fresh.setSoTimeout(500);
      fresh.getOutputStream().write(3);
      assertThatThrownBy(() -> fresh.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
    }
    link.toxic(Toxic.NONE);
    try (Socket healed = connect()) {
      roundTrip(healed, new byte[] {4});
    }
    open.setSoTimeout(5_000);
    assertThatThrownBy(() -> open.getInputStream().read()).isInstanceOf(SocketException.class);
    open.close();
  }

  @Test
  void givenAOneWayBlackholeDownstream_ThenTheServerHearsTheClientButTheClientHearsNothing() throws IOException {
    link.toxic(Toxic.blackhole(Direction.DOWNSTREAM));
    try (Socket socket = connect()) {
      socket.setSoTimeout(500);
      socket.getOutputStream().write(new byte[] {1, 2, 3});
      await().atMost(Duration.ofSeconds(5)).until(() -> echo.received.get() == 3);
      assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
    }
    assertThat(link.bytesForwarded(true)).isEqualTo(3);
    assertThat(link.bytesForwarded(false)).isZero();
  }

  @Test
  void givenSlowClose400msDownstream_ThenTheServersFinArrivesAfterIt() throws IOException {
    link.toxic(Toxic.slowClose(Duration.ofMillis(400), Direction.DOWNSTREAM));
    try (Socket socket = connect()) {
      roundTrip(socket, new byte[] {1});
      long start = System.nanoTime();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      assertThat(in.read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }
  }

  @Test
  void givenALongLatency_WhenHealed_ThenTheWaitingBytesGoAtOnce() throws IOException {
    try (Socket socket = connect()) {
      link.toxic(Toxic.latency(Duration.ofSeconds(30), Duration.ZERO, Direction.UPSTREAM));
      socket.getOutputStream().write(9);
      long start = System.nanoTime();
      CompletableFuture.runAsync(() -> link.toxic(Toxic.NONE),
          CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
      assertThat(socket.getInputStream().read()).isEqualTo(9);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }
}
