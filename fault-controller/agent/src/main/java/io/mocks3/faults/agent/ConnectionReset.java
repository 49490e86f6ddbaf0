package io.mocks3.faults.agent;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * Resets the TCP connection a request came on, as a crashed peer or a middlebox would: linger 0,
 * then close, so the client reads an RST ("connection reset by peer") instead of an answer. Every
 * MockS3 service runs on Jetty; elsewhere this reports that it could not and the caller answers
 * an error instead.
 */
final class ConnectionReset {
  private ConnectionReset() {}

  /** Whether the connection was reset. */
  static boolean reset(HttpServletRequest request) {
    try {
      ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
      if (jetty == null) {
        return false;
      }
      EndPoint endPoint = jetty.getConnectionMetaData().getConnection().getEndPoint();
      if (endPoint.getTransport() instanceof NetworkChannel channel) {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      }
      endPoint.close();
      return true;
    } catch (IOException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}
