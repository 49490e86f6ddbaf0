package io.mocks3.gateway.http;

import io.mocks3.schemas.s3.S3ErrorCode;
import io.mocks3.gateway.core.S3Exception;
import io.mocks3.gateway.http.xml.LifecycleConfigurationXml;
import io.mocks3.gateway.http.xml.LifecycleConfigurationXml.Expiration;
import io.mocks3.gateway.http.xml.Tagging;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Filter;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Rule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Lifecycle configurations between S3's XML and the stored form, validated as S3 does: 1 to 1000
 * rules with unique IDs of at most 255 characters, Status Enabled or Disabled, one of Filter and
 * the legacy Prefix, at least one action, positive day counts, and an expiration Date at midnight UTC.
 */
final class LifecycleDocuments {
  private static final int MAX_RULES = 1000;

  private LifecycleDocuments() {}

  static LifecycleConfiguration fromXml(LifecycleConfigurationXml xml) {
    List<LifecycleConfigurationXml.Rule> given = xml.rules() == null ? List.of() : xml.rules();
    if (given.isEmpty() || given.size() > MAX_RULES) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A lifecycle configuration has 1 to " + MAX_RULES + " rules");
    }
    Set<String> ids = new HashSet<>();
    List<Rule> rules = new ArrayList<>();
    for (LifecycleConfigurationXml.Rule r : given) {
      String id = r.id() == null || r.id().isEmpty() ? UUID.randomUUID().toString() : r.id();
      if (id.length() > 255) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "ID length should not exceed allowed limit of 255");
      }
      if (!ids.add(id)) {
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Rule ID must be unique. Found same ID for more than one rule");
      }
      if (!"Enabled".equals(r.status()) && !"Disabled".equals(r.status())) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Status must be Enabled or Disabled");
      }
      if (r.filter() != null && r.prefix() != null) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A rule has a Filter or a Prefix, not both");
      }
      Expiration expiration = r.expiration();
      Integer days = expiration == null ? null : expiration.days();
      Instant date = expiration == null || expiration.date() == null ? null : midnight(expiration.date());
      Boolean deleteMarkers = expiration == null ? null : expiration.expiredObjectDeleteMarker();
      if (expiration != null && (days != null ? 1 : 0) + (date != null ? 1 : 0) + (deleteMarkers != null ? 1 : 0) != 1) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "Expiration has one of Days, Date and ExpiredObjectDeleteMarker");
      }
      positive(days, "'Days' for Expiration action must be a positive integer");
      Integer noncurrent = r.noncurrentVersionExpiration() == null ? null : r.noncurrentVersionExpiration().noncurrentDays();
      if (r.noncurrentVersionExpiration() != null && noncurrent == null) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "NoncurrentVersionExpiration needs NoncurrentDays");
      }
      positive(noncurrent, "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
      Integer abort = r.abortIncompleteMultipartUpload() == null ? null : r.abortIncompleteMultipartUpload().daysAfterInitiation();
      if (r.abortIncompleteMultipartUpload() != null && abort == null) {
        throw new S3Exception(S3ErrorCode.MALFORMED_XML, "AbortIncompleteMultipartUpload needs DaysAfterInitiation");
      }
      positive(abort, "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
      List<Map<String, String>> transitions = new ArrayList<>();
      for (var t : r.transitions() == null ? List.<LifecycleConfigurationXml.Transition>of() : r.transitions()) {
        // Kept as given, but only when it could be S3's: a Date at midnight in ISO 8601, whole Days.
        if (t.date() != null) {
          midnight(t.date());
        }
        days(t.days(), "'Days' for Transition action must be a nonnegative integer");
        transitions.add(entries("Days", t.days(), "Date", t.date(), "StorageClass", t.storageClass()));
      }
      List<Map<String, String>> noncurrentTransitions = new ArrayList<>();
      for (var t : r.noncurrentVersionTransitions() == null
          ? List.<LifecycleConfigurationXml.NoncurrentVersionTransition>of() : r.noncurrentVersionTransitions()) {
        days(t.noncurrentDays(), "'NoncurrentDays' for NoncurrentVersionTransition action must be a nonnegative integer");
        noncurrentTransitions.add(entries("NoncurrentDays", t.noncurrentDays(), "StorageClass", t.storageClass()));
      }
      Rule rule = new Rule(id, "Enabled".equals(r.status()), filter(r), days, date, deleteMarkers, noncurrent, abort,
          transitions, noncurrentTransitions, r.filter() == null && r.prefix() != null);
      if (!rule.expires() && transitions.isEmpty() && noncurrentTransitions.isEmpty()) {
        throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "At least one action needs to be specified in a rule");
      }
      rules.add(rule);
    }
    return new LifecycleConfiguration(rules);
  }

  static LifecycleConfigurationXml toXml(LifecycleConfiguration config) {
    List<LifecycleConfigurationXml.Rule> rules = new ArrayList<>();
    for (Rule r : config.rules()) {
      Expiration expiration = r.expirationDays() == null && r.expirationDate() == null && r.expiredObjectDeleteMarker() == null
          ? null
          : new Expiration(r.expirationDays(), r.expirationDate() == null ? null : r.expirationDate().toString(),
              r.expiredObjectDeleteMarker());
      boolean legacy = Boolean.TRUE.equals(r.legacyPrefix());
      rules.add(new LifecycleConfigurationXml.Rule(r.id(), legacy ? null : filterXml(r.filter()), legacy ? r.filter().prefix() : null,
          r.enabled() ? "Enabled" : "Disabled",
          expiration,
          r.noncurrentDays() == null ? null : new LifecycleConfigurationXml.NoncurrentVersionExpiration(r.noncurrentDays()),
          r.abortIncompleteDays() == null ? null
              : new LifecycleConfigurationXml.AbortIncompleteMultipartUpload(r.abortIncompleteDays()),
          r.transitions().isEmpty() ? null : r.transitions().stream()
              .map(t -> new LifecycleConfigurationXml.Transition(t.get("Days"), t.get("Date"), t.get("StorageClass"))).toList(),
          r.noncurrentTransitions().isEmpty() ? null : r.noncurrentTransitions().stream()
              .map(t -> new LifecycleConfigurationXml.NoncurrentVersionTransition(t.get("NoncurrentDays"), t.get("StorageClass")))
              .toList()));
    }
    return new LifecycleConfigurationXml(rules);
  }

  private static Filter filter(LifecycleConfigurationXml.Rule r) {
    if (r.filter() == null) {
      return new Filter(r.prefix(), null, null, null);
    }
    LifecycleConfigurationXml.Filter f = r.filter();
    int parts = (f.prefix() != null ? 1 : 0) + (f.tag() != null ? 1 : 0) + (f.and() != null ? 1 : 0)
        + (f.objectSizeGreaterThan() != null ? 1 : 0) + (f.objectSizeLessThan() != null ? 1 : 0);
    if (parts > 1) {
      throw new S3Exception(S3ErrorCode.MALFORMED_XML, "A Filter has one of Prefix, Tag, ObjectSize* and And; combine them with And");
    }
    if (f.and() != null) {
      Map<String, String> tags = new LinkedHashMap<>();
      for (Tagging.Tag tag : f.and().tags() == null ? List.<Tagging.Tag>of() : f.and().tags()) {
        tags.put(tag.key(), tag.value() == null ? "" : tag.value());
      }
      return new Filter(f.and().prefix(), tags, f.and().objectSizeGreaterThan(), f.and().objectSizeLessThan());
    }
    Map<String, String> tag = f.tag() == null ? null : Map.of(f.tag().key(), f.tag().value() == null ? "" : f.tag().value());
    return new Filter(f.prefix(), tag, f.objectSizeGreaterThan(), f.objectSizeLessThan());
  }

  private static LifecycleConfigurationXml.Filter filterXml(Filter f) {
    int parts = (f.prefix().isEmpty() ? 0 : 1) + f.tags().size() + (f.sizeGreaterThan() != null ? 1 : 0)
        + (f.sizeLessThan() != null ? 1 : 0);
    if (parts > 1) {
      return new LifecycleConfigurationXml.Filter(null, null, new LifecycleConfigurationXml.And(
          f.prefix().isEmpty() ? null : f.prefix(),
          f.tags().isEmpty() ? null : f.tags().entrySet().stream().map(e -> new Tagging.Tag(e.getKey(), e.getValue())).toList(),
          f.sizeGreaterThan(), f.sizeLessThan()), null, null);
    }
    Tagging.Tag tag = f.tags().entrySet().stream().findFirst().map(e -> new Tagging.Tag(e.getKey(), e.getValue())).orElse(null);
    return new LifecycleConfigurationXml.Filter(parts == 0 || !f.prefix().isEmpty() ? f.prefix() : null, tag, null,
        f.sizeGreaterThan(), f.sizeLessThan());
  }

  /** An expiration Date: ISO 8601, at midnight UTC. */
  private static Instant midnight(String date) {
    Instant at;
    try {
      at = date.length() == 10 ? LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant()
          : java.time.OffsetDateTime.parse(date).toInstant();
    } catch (DateTimeParseException e) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "'Date' must be in ISO 8601 format");
    }
    if (!at.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "'Date' must be at midnight GMT");
    }
    return at;
  }

  private static void positive(Integer days, String message) {
    if (days != null && days <= 0) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, message);
    }
  }

  /** A transition's day count, kept as the text it was given: a whole number, zero or more. */
  private static void days(String days, String message) {
    if (days != null && !days.trim().matches("\\d{1,9}")) {
      throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, message);
    }
  }

  private static Map<String, String> entries(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        out.put(pairs[i], pairs[i + 1]);
      }
    }
    return out;
  }
}
