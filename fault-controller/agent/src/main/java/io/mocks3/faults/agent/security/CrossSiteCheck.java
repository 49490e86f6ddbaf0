package io.mocks3.faults.agent.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;

/**
 * Whether a browser says a request comes from another site. Browsers send {@code Sec-Fetch-Site}
 * (Chromium, Firefox, Safari) and {@code Origin} on every state-changing fetch; tools that are not
 * browsers send neither, so they always pass. {@code Origin} is compared by host and port with the
 * {@code Host} the browser addressed, which holds behind a port mapping (Docker) too.
 */
final class CrossSiteCheck {
  private CrossSiteCheck() {}

  /** The refusal, or null when nothing says the request comes from another site. */
  static ControlPlaneGuard.Refusal refusal(HttpServletRequest request) {
    if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
      return new ControlPlaneGuard.Refusal("a cross-site request may not change the control plane (Sec-Fetch-Site: cross-site)",
          "Sec-Fetch-Site");
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return null;
    }
    String host = hostAndPort(request.getHeader("Host"), request.getScheme());
    String from = originHostAndPort(origin);
    if (from == null || !from.equals(host)) {
      return new ControlPlaneGuard.Refusal("a request from origin " + origin + " may not change the control plane at "
          + host + " (only its own pages may)", "Origin");
    }
    return null;
  }

  /** {@code host:port} of an origin ({@code http://localhost:8085}); null for {@code null} or a malformed one. */
  static String originHostAndPort(String origin) {
    try {
      URI uri = URI.create(origin.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
      return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code host:port} of a Host header, its port defaulted by the request's scheme; {@code [::1]} keeps its brackets. */
  static String hostAndPort(String hostHeader, String scheme) {
    if (hostHeader == null || hostHeader.isBlank()) {
      return "";
    }
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    boolean hasPort = colon > host.lastIndexOf(']');
    return hasPort ? host : host + ":" + defaultPort(scheme);
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }
}
