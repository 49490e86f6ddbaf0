package io.mocks3.faults.agent.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards a service's control endpoints: {@code /api/v1/**} (the fault controller's API, every
 * service's process scenarios) and {@code /admin/**} (replays, consistency, tasks). Not
 * {@code /health}, {@code /actuator/**} (scrapes), the console's static pages, nor S3 traffic: on
 * the gateway {@code /admin/...} is a bucket named admin, so only {@code /api/v1/**} is guarded there.
 *
 * <ul>
 *   <li>With a {@link ControlToken} configured, a request without {@code Authorization: Bearer <token>}
 *       gets 401 and goes no further. Only the header counts: the console reads its event streams
 *       with fetch, which sends it, so no token ever travels in a URL (where logs would keep it).
 *   <li>With or without a token, a POST/PUT/PATCH/DELETE that a browser marks as coming from another
 *       site ({@code Sec-Fetch-Site: cross-site}, or an {@code Origin} whose host:port is not the
 *       request's {@code Host}) gets 403: a page elsewhere cannot change faults through a visitor's
 *       browser. curl, the CLI and the Java client send neither header and pass.
 * </ul>
 * Refusals are counted in {@code mocks3_control_refusals_total{reason}} and logged.
 */
public final class ControlPlaneGuard implements Filter, Ordered {
  /** After the metrics filter (refusals are counted as requests), before everything that acts on one. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;
  private static final Logger log = LoggerFactory.getLogger(ControlPlaneGuard.class);
  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
  private final ControlToken token;
  private final boolean guardsAdmin;
  private final MeterRegistry meters;

  /**
   * @param guardsAdmin false on the S3 gateway, where {@code /admin/...} is S3 traffic
   */
  public ControlPlaneGuard(ControlToken token, boolean guardsAdmin, MeterRegistry meters) {
    this.token = token;
    this.guardsAdmin = guardsAdmin;
    this.meters = meters;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    if (!guarded(request)) {
      chain.doFilter(req, res);
      return;
    }
    if (!token.matches(presentedToken(request))) {
      boolean presented = presentedToken(request) != null;
      response.setHeader("WWW-Authenticate", presented ? "Bearer realm=\"mocks3\", error=\"invalid_token\"" : "Bearer realm=\"mocks3\"");
      refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "token",
          new Refusal(presented ? "the control token does not match" : "the control plane requires a token: send Authorization: Bearer <MOCKS3_CONTROL_TOKEN>",
              "Authorization"));
      return;
    }
    Refusal crossSite = STATE_CHANGING.contains(request.getMethod()) ? CrossSiteCheck.refusal(request) : null;
    if (crossSite != null) {
      refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "cross_site", crossSite);
      return;
    }
    chain.doFilter(req, res);
  }

  /**
   * Whether the request is for a control endpoint, by its path as sent and as the container decoded
   * and normalized it (what Spring MVC routes by): {@code /%61pi/v1/rules} or {@code //api/v1/rules}
   * must not slip past a check of the raw spelling.
   */
  boolean guarded(HttpServletRequest request) {
    String decoded = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return guarded(request.getRequestURI()) || guarded(decoded);
  }

  boolean guarded(String path) {
    String p = path.replaceAll("/{2,}", "/");
    return p.equals("/api/v1") || p.startsWith("/api/v1/") || (guardsAdmin && (p.equals("/admin") || p.startsWith("/admin/")));
  }

  /** The bearer token of the request, or null when it has none. */
  static String presentedToken(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return null;
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String reason, Refusal refusal)
      throws IOException {
    Counter.builder("mocks3.control.refusals").description("control-plane requests refused (no or wrong token, cross-site)")
        .tag("reason", reason).register(meters).increment();
    log.warn("refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(), refusal.message());
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", refusal.message());
    body.put("field", refusal.field());
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JsonMapper.shared().writeValueAsString(body));
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  /** Why a request is refused, and the request header at fault. */
  record Refusal(String message, String field) {}
}
