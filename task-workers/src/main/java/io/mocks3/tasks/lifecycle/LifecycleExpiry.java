package io.mocks3.tasks.lifecycle;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Filter;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Rule;
import io.mocks3.tasks.CommandAppender;
import io.mocks3.tasks.multipart.AbandonedUploads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lifecycle expiration: every {@code interval} (and through {@code POST /admin/tasks/lifecycle}) each
 * enabled rule of each bucket's lifecycle configuration is applied to what the read model holds, by
 * commands on the log, decided by the projector like a client's:
 * <ul>
 *   <li>Expiration Days / Date: a DeleteObject of each matching current object written at least
 *       Days "days" ago (or of all of them from Date on); in a versioned bucket that adds a delete
 *       marker. The delete is conditional on the object's ETag: an object overwritten since, or an
 *       expiration sent twice, is not deleted again;
 *   <li>NoncurrentVersionExpiration: each version noncurrent for NoncurrentDays is deleted for good;
 *   <li>ExpiredObjectDeleteMarker: a delete marker that is the only version of its key is removed;
 *   <li>AbortIncompleteMultipartUpload: uploads initiated DaysAfterInitiation ago are aborted.
 * </ul>
 * A "day" is {@code mocks3.lifecycle.day-length} (24 hours; S3 also rounds up to the next midnight
 * UTC, MockS3 does not). Up to a thousand objects per rule and action per sweep.
 */
@Component
public class LifecycleExpiry {
  private static final Logger log = LoggerFactory.getLogger(LifecycleExpiry.class);
  private static final int BATCH = 1000;
  private static final List<String> ACTIONS = List.of("expiration", "noncurrent", "delete_marker", "abort_upload");
  private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final Producer<String, Command> commands;
  private final AbandonedUploads uploads;
  private final LifecycleProperties props;
  private final MeterRegistry meters;
  private final Clock clock;

  LifecycleExpiry(JdbcTemplate jdbc, Producer<String, Command> commands, AbandonedUploads uploads,
      LifecycleProperties props, MeterRegistry meters, Clock clock) {
    this.jdbc = jdbc;
    this.commands = commands;
    this.uploads = uploads;
    this.props = props;
    this.meters = meters;
    this.clock = clock;
    for (String action : ACTIONS) {
      meters.counter("lifecycle.expired", "action", action);
    }
  }

  /** The scheduled sweep; a failure (PostgreSQL or Kafka down) waits for the next one. */
  public void scheduled() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("lifecycle sweep failed; the next one retries: {}", e.getMessage());
    }
  }

  /**
   * Applies every enabled rule once; answers how many expirations each action sent, once they are in
   * the log (a repeat of one not projected yet counts again).
   */
  public Map<String, Integer> sweep() {
    Instant now = clock.instant();
    Map<String, Integer> done = new LinkedHashMap<>();
    for (String action : ACTIONS) {
      done.put(action, 0);
    }
    List<Map.Entry<String, String>> configured = jdbc.query("SELECT bucket, document FROM bucket_config WHERE kind = ?",
        (r, i) -> Map.entry(r.getString(1), r.getString(2)), LifecycleConfiguration.KIND);
    for (Map.Entry<String, String> bucket : configured) {
      for (Rule rule : read(bucket.getValue()).rules()) {
        if (rule.enabled()) {
          apply(bucket.getKey(), rule, now, done);
        }
      }
    }
    done.forEach((action, n) -> {
      if (n > 0) {
        meters.counter("lifecycle.expired", "action", action).increment(n);
      }
    });
    if (done.values().stream().anyMatch(n -> n > 0)) {
      log.info("lifecycle sweep: {}", done);
    }
    return done;
  }

  private void apply(String bucket, Rule rule, Instant now, Map<String, Integer> done) {
    List<Command> batch = new ArrayList<>();
    Instant expiresBefore = rule.expirationDate() != null
        ? (now.isBefore(rule.expirationDate()) ? null : now)
        : rule.expirationDays() == null ? null : now.minus(props.dayLength().multipliedBy(rule.expirationDays()));
    if (expiresBefore != null) {
      List<Object> args = new ArrayList<>(List.of(bucket, rule.filter().prefix(), Timestamp.from(expiresBefore)));
      String narrowed = narrowed(rule.filter(), "", args);
      jdbc.query("SELECT key, etag, size, tags::text, last_modified FROM objects WHERE bucket = ? AND starts_with(key, ?)"
          + " AND last_modified <= ?" + narrowed + " ORDER BY key LIMIT " + BATCH, r -> {
            if (rule.filter().matches(r.getString(1), r.getLong(3), tags(r.getString(4)))) {
              batch.add(delete(bucket, r.getString(1), null, new WriteCondition(r.getString(2), false),
                  "expire " + r.getString(2) + " " + r.getTimestamp(5).toInstant()));
            }
          }, args.toArray());
      done.merge("expiration", send(batch), Integer::sum);
      batch.clear();
    }
    if (rule.noncurrentDays() != null) {
      Timestamp cutoff = Timestamp.from(now.minus(props.dayLength().multipliedBy(rule.noncurrentDays())));
      List<Object> args = new ArrayList<>(List.of(bucket, rule.filter().prefix(), cutoff));
      String narrowed = narrowed(rule.filter(), "v.", args);
      jdbc.query("""
          SELECT v.key, v.version_id, v.size, v.tags::text FROM object_versions v
          WHERE v.bucket = ? AND starts_with(v.key, ?) AND NOT v.delete_marker
            AND LEAST(
              (SELECT min(n.last_modified) FROM object_versions n WHERE n.bucket = v.bucket AND n.key = v.key AND n.sequence > v.sequence),
              (SELECT o.last_modified FROM objects o WHERE o.bucket = v.bucket AND o.key = v.key AND o.sequence > v.sequence)) <= ?
          """ + narrowed + " ORDER BY v.key LIMIT " + BATCH, r -> {
            if (rule.filter().matches(r.getString(1), r.getLong(3), tags(r.getString(4)))) {
              batch.add(delete(bucket, r.getString(1), r.getString(2), null, "noncurrent"));
            }
          }, args.toArray());
      done.merge("noncurrent", send(batch), Integer::sum);
      batch.clear();
    }
    if (Boolean.TRUE.equals(rule.expiredObjectDeleteMarker())) {
      jdbc.query("""
          SELECT v.key, v.version_id FROM object_versions v
          WHERE v.bucket = ? AND starts_with(v.key, ?) AND v.delete_marker
            AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.bucket = v.bucket AND o.key = v.key)
            AND NOT EXISTS (SELECT 1 FROM object_versions n WHERE n.bucket = v.bucket AND n.key = v.key AND n.version_id <> v.version_id)
          ORDER BY v.key LIMIT""" + " " + BATCH, r -> {
            batch.add(delete(bucket, r.getString(1), r.getString(2), null, "delete marker"));
          }, bucket, rule.filter().prefix());
      done.merge("delete_marker", send(batch), Integer::sum);
      batch.clear();
    }
    if (rule.abortIncompleteDays() != null) {
      done.merge("abort_upload", uploads.sweep(props.dayLength().multipliedBy(rule.abortIncompleteDays()), bucket,
          rule.filter().prefix()).size(), Integer::sum);
    }
  }

  /**
   * The rule's tags and size bounds as SQL on the columns of {@code alias} (their arguments added to
   * {@code args}): the query selects by the whole filter, so its batch limit counts matching objects
   * only and a thousand that do not match cannot hide the ones that do. Each row is still checked
   * against the filter itself.
   */
  private static String narrowed(Filter filter, String alias, List<Object> args) {
    StringBuilder sql = new StringBuilder();
    if (!filter.tags().isEmpty()) {
      sql.append(" AND ").append(alias).append("tags @> ?::jsonb");
      try {
        args.add(Json.mapper().writeValueAsString(filter.tags()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    if (filter.sizeGreaterThan() != null) {
      sql.append(" AND ").append(alias).append("size > ?");
      args.add(filter.sizeGreaterThan());
    }
    if (filter.sizeLessThan() != null) {
      sql.append(" AND ").append(alias).append("size < ?");
      args.add(filter.sizeLessThan());
    }
    return sql.toString();
  }

  /** A delete with an id derived from what it expires: the same expiration sent again is the same command. */
  private Command delete(String bucket, String key, String versionId, WriteCondition condition, String what) {
    String id = UUID.nameUUIDFromBytes(("lifecycle:" + bucket + "/" + key + ":" + (versionId == null ? what : versionId))
        .getBytes(StandardCharsets.UTF_8)).toString();
    return new DeleteObject(id, BucketName.of(bucket), ObjectKey.of(key), versionId, clock.instant(), condition);
  }

  private int send(List<Command> batch) {
    CommandAppender.append(commands, batch, "expirations");
    return batch.size();
  }

  private static LifecycleConfiguration read(String json) {
    try {
      return Json.mapper().readValue(json, LifecycleConfiguration.class);
    } catch (IOException e) {
      throw new IllegalStateException("a stored lifecycle configuration does not read", e);
    }
  }

  private static Map<String, String> tags(String json) {
    try {
      return json == null ? Map.of() : Json.mapper().readValue(json, TAGS);
    } catch (IOException e) {
      return Map.of();
    }
  }
}
