package io.mocks3.faults.agent.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ControlPlaneGuardTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ControlPlaneGuard open = new ControlPlaneGuard(ControlToken.of(null), true, meters);
  private final ControlPlaneGuard guarded = new ControlPlaneGuard(ControlToken.of("s3cret"), true, meters);

  @Test
  void givenNoTokenConfigured_WhenAnAnonymousRequestChangesARule_ThenItPasses() throws Exception {
    Outcome outcome = run(open, request("POST", "/api/v1/rules"));
    assertThat(outcome.passed()).isTrue();
  }

  @Test
  void givenATokenConfigured_WhenTheRequestHasNone_Then401AndTheServiceIsNotInvoked() throws Exception {
    Outcome outcome = run(guarded, request("POST", "/api/v1/rules"));
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.response().getStatus()).isEqualTo(401);
    assertThat(outcome.response().getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"mocks3\"");
    assertThat(outcome.response().getContentAsString()).contains("\"field\":\"Authorization\"").contains("MOCKS3_CONTROL_TOKEN");
    assertThat(meters.get("mocks3.control.refusals").tag("reason", "token").counter().count()).isEqualTo(1);
  }

  @Test
  void givenATokenConfigured_WhenTheTokenIsWrong_Then401WithInvalidToken() throws Exception {
    MockHttpServletRequest request = request("GET", "/admin/consistency");
    request.addHeader("Authorization", "Bearer s3cre");
    Outcome outcome = run(guarded, request);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.response().getStatus()).isEqualTo(401);
    assertThat(outcome.response().getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void givenATokenConfigured_WhenTheBearerIsRight_ThenItPasses() throws Exception {
    MockHttpServletRequest request = request("DELETE", "/api/v1/rules/r1");
    request.addHeader("Authorization", "bearer s3cret");
    assertThat(run(guarded, request).passed()).isTrue();
  }

  @Test
  void givenATokenConfigured_WhenHealthMetricsOrTheConsolePageAreAsked_ThenTheyPassWithoutOne() throws Exception {
    for (String path : new String[] {"/health", "/actuator/prometheus", "/", "/index.html", "/api/v2", "/administrator"}) {
      assertThat(run(guarded, request("GET", path)).passed()).as(path).isTrue();
    }
  }

  @Test
  void givenATokenConfigured_WhenThePathIsSpelledOtherwise_ThenItIsGuardedAllTheSame() throws Exception {
    MockHttpServletRequest encoded = request("POST", "/%61pi/v1/rules");
    encoded.setServletPath("/api/v1/rules"); // as the container decodes it, and Spring MVC routes it
    assertThat(run(guarded, encoded).response().getStatus()).isEqualTo(401);
    assertThat(run(guarded, request("POST", "//api//v1/rules")).response().getStatus()).isEqualTo(401);
    assertThat(run(guarded, request("GET", "/admin")).response().getStatus()).isEqualTo(401);
  }

  @Test
  void givenTheGateway_WhenAPathIsUnderAdmin_ThenItIsS3TrafficAndPasses() throws Exception {
    ControlPlaneGuard gateway = new ControlPlaneGuard(ControlToken.of("s3cret"), false, meters);
    assertThat(run(gateway, request("PUT", "/admin/some-key")).passed()).isTrue();
    assertThat(run(gateway, request("POST", "/api/v1/scenarios/cpu_burner/start")).response().getStatus()).isEqualTo(401);
  }

  @Test
  void givenATokenConfigured_WhenItComesAsAQueryParameter_ThenItIsNotAccepted() throws Exception {
    MockHttpServletRequest stream = request("GET", "/api/v1/events/stream");
    stream.addHeader("Accept", "text/event-stream");
    stream.addParameter("access_token", "s3cret");
    assertThat(run(guarded, stream).response().getStatus()).isEqualTo(401);
  }

  @Test
  void givenACrossSitePost_ThenItIsRefused403NamingTheHeaderEvenWithoutAToken() throws Exception {
    MockHttpServletRequest request = request("POST", "/api/v1/kill-switch");
    request.addHeader("Sec-Fetch-Site", "cross-site");
    Outcome outcome = run(open, request);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.response().getStatus()).isEqualTo(403);
    assertThat(outcome.response().getContentAsString()).contains("\"field\":\"Sec-Fetch-Site\"");
  }

  @Test
  void givenAnOriginOfAnotherHostOrPort_WhenItChangesState_Then403NamingOrigin() throws Exception {
    for (String origin : new String[] {"http://localhost:3000", "http://evil.example", "null"}) {
      MockHttpServletRequest request = request("PUT", "/api/v1/chaos/topics/mocks3.commands");
      request.addHeader("Origin", origin);
      Outcome outcome = run(open, request);
      assertThat(outcome.response().getStatus()).as(origin).isEqualTo(403);
      assertThat(outcome.response().getContentAsString()).contains("\"field\":\"Origin\"");
    }
  }

  @Test
  void givenTheConsolesOwnPage_WhenItChangesState_ThenItPasses() throws Exception {
    MockHttpServletRequest request = request("POST", "/api/v1/rules");
    request.addHeader("Sec-Fetch-Site", "same-origin");
    request.addHeader("Origin", "http://LOCALHOST:8085");
    assertThat(run(open, request).passed()).isTrue();

    MockHttpServletRequest crossSiteRead = request("GET", "/api/v1/rules");
    crossSiteRead.addHeader("Sec-Fetch-Site", "cross-site");
    assertThat(run(open, crossSiteRead).passed()).as("reads change nothing").isTrue();
  }

  @Test
  void hostsAndOriginsCompareByHostAndDefaultPort() {
    assertThat(CrossSiteCheck.originHostAndPort("https://example.com")).isEqualTo("example.com:443");
    assertThat(CrossSiteCheck.hostAndPort("example.com", "https")).isEqualTo("example.com:443");
    assertThat(CrossSiteCheck.originHostAndPort("http://[::1]:8085")).isEqualTo(CrossSiteCheck.hostAndPort("[::1]:8085", "http"));
    assertThat(CrossSiteCheck.hostAndPort("[::1]", "http")).isEqualTo("[::1]:80");
  }

  private static MockHttpServletRequest request(String method, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.addHeader("Host", "localhost:8085");
    return request;
  }

  private static Outcome run(ControlPlaneGuard guard, MockHttpServletRequest request) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    guard.doFilter(request, response, chain);
    return new Outcome(chain.getRequest() != null, response);
  }

  private record Outcome(boolean passed, MockHttpServletResponse response) {}
}
