package io.mocks3.gateway.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Gives every response S3's request-id headers, and every log line of the request its id. */
@Component
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class RequestIds extends OncePerRequestFilter {
  static final String ATTRIBUTE = "mocks3.requestId";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] random = new byte[8];
    ThreadLocalRandom.current().nextBytes(random);
    String id = HexFormat.of().withUpperCase().formatHex(random);
    request.setAttribute(ATTRIBUTE, id);
    response.setHeader("x-amz-request-id", id);
    response.setHeader("x-amz-id-2", id);
    response.setHeader("Server", "MockS3");
    MDC.put("requestId", id);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove("requestId");
      MDC.remove("commandId");
    }
  }
}
