package io.mocks3.faults.agent.link;

import java.net.InetSocketAddress;

/**
 * One link as configured ({@code mocks3.faults.links.<name>.port} and {@code .target}): where the
 * process's clients connect, and where the link forwards to.
 *
 * @param port the port on 127.0.0.1 the link listens on (0: any free one)
 * @param target the real address, {@code host:port}
 */
public record LinkSettings(int port, String target) {
  public LinkSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("a link's port must be 0-65535, not " + port);
    }
    if (target == null || target.lastIndexOf(':') < 1) {
      throw new IllegalArgumentException("a link's target is host:port, not " + target);
    }
  }

  public InetSocketAddress targetAddress() {
    int colon = target.lastIndexOf(':');
    return new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
  }
}
