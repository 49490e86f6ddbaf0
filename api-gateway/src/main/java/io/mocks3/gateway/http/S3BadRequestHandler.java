package io.mocks3.gateway.http;

import io.mocks3.schemas.s3.S3Error;
import io.mocks3.schemas.s3.S3ErrorCode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests Jetty rejects before any servlet sees them (a NUL or broken escape in the URI, bad
 * headers) still get an S3 {@code <Error>} body instead of an HTML page.
 */
final class S3BadRequestHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object status = request.getAttribute(ERROR_STATUS);
    int code = status instanceof Integer i ? i : response.getStatus();
    S3ErrorCode error = code == 400 ? S3ErrorCode.INVALID_URI : code >= 500 ? S3ErrorCode.INTERNAL_ERROR : S3ErrorCode.INVALID_REQUEST;
    response.setStatus(error.status());
    if ("HEAD".equals(request.getMethod())) {
      callback.succeeded();
      return true;
    }
    byte[] body = new S3Error(error, error.defaultMessage(), null, null).toBytes();
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, S3Error.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
