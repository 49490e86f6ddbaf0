package io.mocks3.gateway.history;

import io.mocks3.schemas.s3.MalformedS3Request;
import io.mocks3.schemas.s3.S3Request;
import io.mocks3.faults.agent.ServletOutputThrough;
import io.mocks3.schemas.history.HistoryRecord;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records, while a run is open, every S3 operation the history checker judges: an "invoke" line
 * before the request is served and its completion after, with what was written or read (ETag,
 * version id, SHA-256 of the body), the keys a listing returned and the command that carried a
 * write. Any client, in any language, is covered without changing it. The process of a line is the
 * client's connection: one connection carries one request at a time.
 */
public final class HistoryRecorder extends OncePerRequestFilter {
  /** After the request ids (the lines name them), before the fault filter (the lines see injected faults). */
  public static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 2;
  /** Where the write path leaves the id of the command it appended (also a field of its log lines). */
  public static final String COMMAND_ID = "commandId";
  private static final Map<String, String> FUNCTIONS = Map.of(
      "PutObject", "put", "PostObject", "put", "CopyObject", "put", "CompleteMultipartUpload", "put", "GetObject", "get",
      "HeadObject", "head", "DeleteObject", "delete", "DeleteObjects", "delete", "ListObjects", "list",
      "ListObjectsV2", "list");
  private final HistoryLog log;
  private final Set<String> baseDomains;

  public HistoryRecorder(HistoryLog log, List<String> baseDomains) {
    this.log = log;
    this.baseDomains = Set.copyOf(baseDomains);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    S3Request target = log.recording() ? read(request) : null;
    String f = target == null ? null : function(target);
    if (f == null) {
      chain.doFilter(request, response);
      return;
    }
    String process = request.getRemoteAddr() + ":" + request.getRemotePort();
    String requestId = response.getHeader("x-amz-request-id");
    HistoryCapture capture = new HistoryCapture();
    request.setAttribute(HistoryCapture.ATTRIBUTE, capture);
    boolean batch = "DeleteObjects".equals(target.operation());
    // A form upload names its key in its body: its invoke is written once the key is known.
    boolean form = "PostObject".equals(target.operation());
    long invoked = log.now();
    if (!batch && !form) {
      log.append(invoke(invoked, process, f, target.bucket(), target.key(), target.query().get("prefix"), requestId));
    }
    ReadDigest read = "get".equals(f) ? new ReadDigest(response) : null;
    MDC.remove(COMMAND_ID);
    boolean thrown = true;
    try {
      chain.doFilter(request, read == null ? response : read);
      thrown = false;
    } finally {
      // An exception no handler answered becomes a 500 after this filter: record it as one.
      int status = thrown ? 500 : response.getStatus();
      if (batch) {
        appendDeletes(target.bucket(), process, requestId, invoked, capture);
      } else if (form && capture.postedKey() == null) {
        // Refused before its key was read: it wrote nothing, and names no register.
      } else if (capture.partialListing()) {
        // A page of a listing (a delimiter, a marker, truncated) is not a set the checker can judge.
        log.append(new HistoryRecord(0, log.now(), process, HistoryRecord.FAIL, f, target.bucket(), null, null, null,
            capture.prefix(), status, requestId, null, "partial listing: not judged", null));
      } else {
        String key = form ? capture.postedKey() : target.key();
        if (form) {
          log.append(invoke(invoked, process, f, target.bucket(), key, null, requestId));
        }
        log.append(new HistoryRecord(0, log.now(), process, type(f, status), f, target.bucket(), key,
            value(f, status, response, capture, read), capture.listed(), capture.prefix(), status, requestId,
            MDC.get(COMMAND_ID), status >= 400 ? String.valueOf(status) : null, null));
      }
      MDC.remove(COMMAND_ID);
    }
  }

  private static HistoryRecord invoke(long time, String process, String f, String bucket, String key, String prefix,
      String requestId) {
    return new HistoryRecord(0, time, process, HistoryRecord.INVOKE, f, bucket, key, null, null, "list".equals(f) ? prefix : null,
        null, requestId, null, null, null);
  }

  /**
   * A DeleteObjects request as one delete per key, each a process of its own ("connection#n"): the keys
   * are deleted together, concurrently, each by its own command.
   */
  private void appendDeletes(String bucket, String process, String requestId, long invoked, HistoryCapture capture) {
    long completed = log.now();
    int n = 0;
    for (HistoryCapture.BatchDelete d : capture.deletes()) {
      String one = process + "#" + n++;
      log.append(new HistoryRecord(0, invoked, one, HistoryRecord.INVOKE, "delete", bucket, d.key(), null, null, null,
          null, requestId, null, null, null));
      log.append(new HistoryRecord(0, completed, one, d.ok() ? HistoryRecord.OK : HistoryRecord.FAIL, "delete", bucket,
          d.key(), null, null, null, d.ok() ? 204 : 400, requestId, d.commandId(), null, null));
    }
  }

  /** The history function of an S3 request; null for what the checker does not judge. */
  private static String function(S3Request target) {
    String f = FUNCTIONS.get(target.operation());
    // A read or delete of one named version is not an operation on the key's current value.
    return f != null && !"put".equals(f) && target.versionId() != null ? null : f;
  }

  /** The request as S3 reads it; null (not recorded) when it does not read: the gateway answers its error. */
  private S3Request read(HttpServletRequest request) {
    try {
      return S3Request.parse(request.getMethod(), request.getHeader("Host"), request.getRequestURI(),
          request.getQueryString(), request::getHeader, baseDomains);
    } catch (MalformedS3Request e) {
      return null;
    }
  }

  /**
   * ok: it happened (a read of a missing key is an ok read of nothing); fail: it certainly did not
   * (a client error, or a read that failed); info: a write that failed on the server may still land.
   */
  private static String type(String f, int status) {
    if (status < 300 || (status == 404 && ("get".equals(f) || "head".equals(f)))) {
      return HistoryRecord.OK;
    }
    return status >= 500 && ("put".equals(f) || "delete".equals(f)) ? HistoryRecord.INFO : HistoryRecord.FAIL;
  }

  private static HistoryRecord.Value value(String f, int status, HttpServletResponse response, HistoryCapture capture,
      ReadDigest read) {
    if (status >= 300 || "list".equals(f) || "delete".equals(f)) {
      return null;
    }
    String etag = response.getHeader("ETag") != null ? response.getHeader("ETag") : capture.writtenEtag();
    String sha = "put".equals(f) ? capture.writtenSha256() : read != null && status == 200 ? read.sha256() : null;
    return new HistoryRecord.Value(etag, response.getHeader("x-amz-version-id"), sha);
  }

  /** The response of a GET, hashed as it is written. */
  private static final class ReadDigest extends HttpServletResponseWrapper {
    private final MessageDigest digest = HistoryCapture.sha256();
    private ServletOutputStream stream;

    ReadDigest(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (stream == null) {
        ServletOutputStream out = super.getOutputStream();
        stream = new ServletOutputThrough(out, new DigestOutputStream(out, digest));
      }
      return stream;
    }

    String sha256() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
