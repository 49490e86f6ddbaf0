package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.faults.agent.HttpFaultFilter;
import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.schemas.fault.Action;
import io.mocks3.schemas.fault.FaultRule;
import io.mocks3.schemas.s3.S3ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The gateway's own errors and the faults the agent injects are one document, byte for byte. */
class S3ErrorRenderingTest {
  private static final String MESSAGE = "slow <down> & \"retry\"";

  @Test
  void anInjectedFaultReadsExactlyAsTheGatewaysOwnError() throws Exception {
    MockHttpServletResponse own = new MockHttpServletResponse();
    S3ErrorHandler.write(S3ErrorCode.SLOW_DOWN, MESSAGE, request("GET"), own);
    MockHttpServletResponse injected = new MockHttpServletResponse();
    HttpFaultFilter.write(new InjectedFault(rule(503, "SlowDown")), request("GET"), injected);

    assertThat(injected.getContentAsByteArray()).isEqualTo(own.getContentAsByteArray());
    assertThat(own.getContentAsString()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
        + "<Message>slow &lt;down&gt; &amp; &quot;retry&quot;</Message><Resource>/photos/a%20b.jpg</Resource>"
        + "<RequestId>4442587FB7D0A2F9</RequestId></Error>");
    assertThat(injected.getStatus()).isEqualTo(own.getStatus()).isEqualTo(503);
    assertThat(injected.getContentType()).isEqualTo(own.getContentType()).isEqualTo("application/xml");
    assertThat(injected.getHeader("Retry-After")).isEqualTo(own.getHeader("Retry-After")).isEqualTo("1");
    assertThat(injected.getHeader("x-mocks3-fault-rule")).isEqualTo("r1");
  }

  @Test
  void aFaultWithOnlyAStatusGetsTheCodeOfTheOneList() throws Exception {
    MockHttpServletResponse injected = new MockHttpServletResponse();
    HttpFaultFilter.write(new InjectedFault(rule(404, null)), request("GET"), injected);
    assertThat(injected.getContentAsString()).contains("<Code>NoSuchKey</Code>");
    MockHttpServletResponse head = new MockHttpServletResponse();
    HttpFaultFilter.write(new InjectedFault(rule(404, null)), request("HEAD"), head);
    assertThat(head.getStatus()).isEqualTo(404);
    assertThat(head.getContentAsByteArray()).as("HEAD answers carry no body").isEmpty();
  }

  private static MockHttpServletRequest request(String method) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/photos/a%20b.jpg");
    request.setAttribute(RequestIds.ATTRIBUTE, "4442587FB7D0A2F9");
    return request;
  }

  private static FaultRule rule(int status, String code) {
    Action action = new Action("http_error", status, code, MESSAGE, null, null, null, null);
    return new FaultRule("r1", "r1", null, "api-gateway", true, List.of(), action, null, null, null, null, null, null);
  }
}
