package io.mocks3.gateway.history;

import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What the endpoints tell the history about a request they serve while a run records: the SHA-256
 * of the body written, the keys a listing returned. Present as a request attribute only while
 * recording, so the endpoints pay nothing otherwise.
 */
public final class HistoryCapture {
  static final String ATTRIBUTE = "mocks3.history";
  private MessageDigest written;
  private String writtenEtag;
  private String postedKey;
  private final List<BatchDelete> deletes = new java.util.ArrayList<>();
  private List<String> listed;
  private String prefix;
  private boolean completeListing;

  static HistoryCapture of(HttpServletRequest request) {
    return (HistoryCapture) request.getAttribute(ATTRIBUTE);
  }

  /** {@code body} (the object's bytes as the client meant them), hashed as it is read while recording. */
  public static InputStream observeWritten(HttpServletRequest request, InputStream body) {
    HistoryCapture capture = of(request);
    if (capture == null) {
      return body;
    }
    capture.written = sha256();
    return new DigestInputStream(body, capture.written);
  }

  /** The ETag of what a write made, where the answer carries it in its body (CopyObject). */
  public static void written(HttpServletRequest request, String etag) {
    HistoryCapture capture = of(request);
    if (capture != null) {
      capture.writtenEtag = etag;
    }
  }

  /** The key a POST object form names: known only once its fields are read. */
  public static void posted(HttpServletRequest request, String key) {
    HistoryCapture capture = of(request);
    if (capture != null) {
      capture.postedKey = key;
    }
  }

  String postedKey() {
    return postedKey;
  }

  /** One key of a DeleteObjects request: its own delete, with the command that carried it. */
  record BatchDelete(String key, String commandId, boolean ok) {}

  /** A key a DeleteObjects request deleted (its current version; a named version is not a register operation). */
  public static void deleted(HttpServletRequest request, String key, String commandId, boolean ok) {
    HistoryCapture capture = of(request);
    if (capture != null) {
      capture.deletes.add(new BatchDelete(key, commandId, ok));
    }
  }

  List<BatchDelete> deletes() {
    return deletes;
  }

  /**
   * The keys of a listing. Only a {@code complete} one (no delimiter, not truncated, from the first
   * key of the prefix) is a set the history checker can judge; a partial page is recorded without keys.
   */
  public static void listed(HttpServletRequest request, String prefix, List<String> keys, boolean complete) {
    HistoryCapture capture = of(request);
    if (capture != null) {
      capture.prefix = prefix == null ? "" : prefix;
      capture.listed = List.copyOf(keys);
      capture.completeListing = complete;
    }
  }

  String writtenSha256() {
    return written == null ? null : HexFormat.of().formatHex(written.digest());
  }

  String writtenEtag() {
    return writtenEtag;
  }

  List<String> listed() {
    return completeListing ? listed : null;
  }

  boolean partialListing() {
    return listed != null && !completeListing;
  }

  String prefix() {
    return prefix;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
