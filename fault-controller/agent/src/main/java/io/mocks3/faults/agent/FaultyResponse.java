package io.mocks3.faults.agent;

import io.mocks3.schemas.fault.Action;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An answer served through a body fault ({@link BodyFault}: throttle, truncate — the container
 * then breaks the connection and the client sees fewer bytes than Content-Length — or corrupt);
 * {@code wrong_etag} replaces the ETag with another one.
 */
public final class FaultyResponse extends HttpServletResponseWrapper {
  private final Action action;
  private long declaredLength = -1;
  private ServletOutputThrough stream;

  FaultyResponse(HttpServletResponse response, Action action) {
    super(response);
    this.action = action;
  }

  @Override
  public void setContentLengthLong(long length) {
    declaredLength = length;
    super.setContentLengthLong(length);
  }

  @Override
  public void setContentLength(int length) {
    declaredLength = length;
    super.setContentLength(length);
  }

  @Override
  public void setHeader(String name, String value) {
    super.setHeader(name, etag(name, value));
  }

  @Override
  public void addHeader(String name, String value) {
    super.addHeader(name, etag(name, value));
  }

  private String etag(String name, String value) {
    if (!"wrong_etag".equals(action.type()) || !"ETag".equalsIgnoreCase(name) || value == null) {
      return value;
    }
    try {
      byte[] other = MessageDigest.getInstance("MD5").digest(("wrong:" + value).getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(other) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      ServletOutputStream out = super.getOutputStream();
      stream = new ServletOutputThrough(out, new BodyFault(out, action, () -> declaredLength));
    }
    return stream;
  }

  void finish() throws IOException {
    if (stream != null) {
      stream.flush();
    }
  }
}
