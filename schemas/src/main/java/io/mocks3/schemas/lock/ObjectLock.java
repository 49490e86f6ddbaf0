package io.mocks3.schemas.lock;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One object version's Object Lock: a retention ({@code mode} and {@code retainUntil}, both or
 * neither) and a legal hold ({@code legalHold}: ON, OFF, or null when never set). It is stored as
 * the three headers S3 returns it as on GET and HEAD, among the version's stored headers, so the
 * read model, the cache and every reader carry it with no column of its own.
 */
public record ObjectLock(String mode, Instant retainUntil, String legalHold) {
  public static final String GOVERNANCE = "GOVERNANCE";
  public static final String COMPLIANCE = "COMPLIANCE";
  public static final String ON = "ON";
  public static final String OFF = "OFF";
  public static final String MODE_HEADER = "x-amz-object-lock-mode";
  public static final String UNTIL_HEADER = "x-amz-object-lock-retain-until-date";
  public static final String HOLD_HEADER = "x-amz-object-lock-legal-hold";
  public static final List<String> HEADERS = List.of(MODE_HEADER, UNTIL_HEADER, HOLD_HEADER);

  public ObjectLock {
    if ((mode == null) != (retainUntil == null)) {
      throw new IllegalArgumentException("a retention has both a mode and a retain-until date, or neither");
    }
    if (mode != null && !isMode(mode)) {
      throw new IllegalArgumentException("retention mode is GOVERNANCE or COMPLIANCE, not " + mode);
    }
    if (legalHold != null && !isLegalHold(legalHold)) {
      throw new IllegalArgumentException("legal hold is ON or OFF, not " + legalHold);
    }
  }

  public static boolean isMode(String mode) {
    return GOVERNANCE.equals(mode) || COMPLIANCE.equals(mode);
  }

  public static boolean isLegalHold(String status) {
    return ON.equals(status) || OFF.equals(status);
  }

  /** The lock stored among {@code headers}; null when the version has none. */
  public static ObjectLock of(Map<String, String> headers) {
    String mode = headers.get(MODE_HEADER);
    String until = headers.get(UNTIL_HEADER);
    String hold = headers.get(HOLD_HEADER);
    if (mode == null && until == null && hold == null) {
      return null;
    }
    return new ObjectLock(mode, until == null ? null : parseDate(until), hold);
  }

  /**
   * An ISO 8601 date and time with an offset (S3's retain-until date).
   *
   * @throws java.time.format.DateTimeParseException when it is not one
   */
  public static Instant parseDate(String value) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value.trim(), Instant::from);
  }

  /** As S3 writes a retain-until date: UTC, milliseconds. */
  public static String formatDate(Instant at) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC).format(at);
  }

  /** This lock as the headers S3 returns it as. */
  public Map<String, String> headers() {
    Map<String, String> headers = new TreeMap<>();
    if (mode != null) {
      headers.put(MODE_HEADER, mode);
      headers.put(UNTIL_HEADER, formatDate(retainUntil));
    }
    if (legalHold != null) {
      headers.put(HOLD_HEADER, legalHold);
    }
    return headers;
  }

  /** Whether a retention is in force at {@code at}. */
  public boolean retains(Instant at) {
    return mode != null && retainUntil.isAfter(at);
  }

  /**
   * Whether the version may not be deleted at {@code at}: a legal hold is on, or a retention is in
   * force that the caller may not bypass (COMPLIANCE, or GOVERNANCE without the bypass header).
   */
  public boolean protects(Instant at, boolean bypassGovernance) {
    return ON.equals(legalHold) || retains(at) && (COMPLIANCE.equals(mode) || !bypassGovernance);
  }

  public ObjectLock withRetention(String newMode, Instant newUntil) {
    return new ObjectLock(newMode, newUntil, legalHold);
  }

  public ObjectLock withLegalHold(String status) {
    return new ObjectLock(mode, retainUntil, status);
  }

  /** Null when it holds nothing at all. */
  public ObjectLock orNull() {
    return mode == null && legalHold == null ? null : this;
  }
}
