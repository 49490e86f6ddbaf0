package io.mocks3.faults.agent.security;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The control plane's shared secret ({@code mocks3.control.token}; the environment variable
 * {@code MOCKS3_CONTROL_TOKEN} sets it by Spring's relaxed binding). Unset or blank means the control
 * plane is open, as it was before the token existed.
 *
 * <p>A service that calls another service's {@code /admin/**} passes its own token on with
 * {@link #authorize(HttpRequest.Builder)}: every process of one stack is started with the same one.
 */
public final class ControlToken {
  public static final String PROPERTY = "mocks3.control.token";
  public static final String ENVIRONMENT_VARIABLE = "MOCKS3_CONTROL_TOKEN";
  private static final ControlToken NONE = new ControlToken(null);
  // Set once by the auto-configuration, as KafkaTracing.install does: the HTTP clients that need it
  // are built deep inside services that have no reason to know about Spring's Environment.
  private static volatile ControlToken installed = NONE;
  private final byte[] expected;

  private ControlToken(String token) {
    this.expected = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  /** The token; null or blank leaves the control plane open. */
  public static ControlToken of(String token) {
    return new ControlToken(token);
  }

  public boolean required() {
    return expected != null;
  }

  /** Whether {@code presented} is the token, compared in constant time (no timing hints about a prefix). */
  public boolean matches(String presented) {
    if (expected == null) {
      return true;
    }
    return presented != null && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
  }

  /** This process's token, for its own calls to other services' control endpoints. */
  public static void install(ControlToken token) {
    installed = token;
  }

  /** Adds {@code Authorization: Bearer} with this process's token to a call of another service's control endpoint. */
  public static HttpRequest.Builder authorize(HttpRequest.Builder request) {
    ControlToken token = installed;
    return token.required() ? request.header("Authorization", "Bearer " + new String(token.expected, StandardCharsets.UTF_8)) : request;
  }
}
