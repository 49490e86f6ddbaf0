package io.mocks3.tasks.lifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.readmodel.BucketRepository;
import io.mocks3.readmodel.BucketRepository.BucketConfig;
import io.mocks3.readmodel.ObjectRepository;
import io.mocks3.readmodel.ObjectRepository.ExpiringObject;
import io.mocks3.readmodel.ObjectRepository.NoncurrentVersion;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.command.Command;
import io.mocks3.schemas.command.DeleteObject;
import io.mocks3.schemas.command.WriteCondition;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Filter;
import io.mocks3.schemas.lifecycle.LifecycleConfiguration.Rule;
import io.mocks3.tasks.CommandAppender;
import io.mocks3.tasks.multipart.AbandonedUploads;
import java.nio.charset.StandardCharsets;
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
import org.springframework.jdbc.core.simple.JdbcClient;
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
 * A version under Object Lock is not deleted: the projector refuses the delete, as S3 does, and the
 * next sweep tries again. A "day" is {@code mocks3.lifecycle.day-length} (24 hours), and an expiry is rounded up to the
 * next midnight UTC as in S3 ({@link LifecycleConfiguration#expiredIfWrittenBy}): the moment the gateway's
 * {@code x-amz-expiration} names. Up to a thousand objects per rule and action per sweep.
 */
@Component
public class LifecycleExpiry {
  private static final Logger log = LoggerFactory.getLogger(LifecycleExpiry.class);
  private static final int BATCH = 1000;
  private static final List<String> ACTIONS = List.of("expiration", "noncurrent", "delete_marker", "abort_upload");

  private final BucketRepository buckets;
  private final ObjectRepository objects;
  private final Producer<String, Command> commands;
  private final AbandonedUploads uploads;
  private final LifecycleProperties props;
  private final MeterRegistry meters;
  private final Clock clock;

  LifecycleExpiry(JdbcTemplate jdbc, Producer<String, Command> commands, AbandonedUploads uploads,
      LifecycleProperties props, MeterRegistry meters, Clock clock) {
    this.buckets = new BucketRepository(JdbcClient.create(jdbc));
    this.objects = new ObjectRepository(JdbcClient.create(jdbc));
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
    for (BucketConfig bucket : buckets.configs(LifecycleConfiguration.KIND)) {
      for (Rule rule : LifecycleConfiguration.read(bucket.document()).rules()) {
        if (rule.enabled()) {
          apply(bucket.bucket(), rule, now, done);
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
    Instant expiresBefore = rule.expirationDate() != null
        ? (now.isBefore(rule.expirationDate()) ? null : now)
        : rule.expirationDays() == null ? null : LifecycleConfiguration.expiredIfWrittenBy(now, rule.expirationDays(), props.dayLength());
    Filter filter = rule.filter();
    if (expiresBefore != null) {
      List<Command> batch = new ArrayList<>();
      for (ExpiringObject o : objects.expiring(bucket, filter, expiresBefore, BATCH)) {
        if (filter.matches(o.key(), o.size(), o.tags())) {
          batch.add(delete(bucket, o.key(), null, new WriteCondition(o.etag(), false), "expire " + o.etag() + " " + o.lastModified()));
        }
      }
      done.merge("expiration", send(batch), Integer::sum);
    }
    if (rule.noncurrentDays() != null) {
      Instant cutoff = LifecycleConfiguration.expiredIfWrittenBy(now, rule.noncurrentDays(), props.dayLength());
      List<Command> batch = new ArrayList<>();
      for (NoncurrentVersion v : objects.noncurrent(bucket, filter, cutoff, BATCH)) {
        if (filter.matches(v.key(), v.size(), v.tags())) {
          batch.add(delete(bucket, v.key(), v.versionId(), null, "noncurrent"));
        }
      }
      done.merge("noncurrent", send(batch), Integer::sum);
    }
    if (Boolean.TRUE.equals(rule.expiredObjectDeleteMarker())) {
      List<Command> batch = objects.loneDeleteMarkers(bucket, filter.prefix(), BATCH).stream()
          .map(m -> delete(bucket, m.key(), m.versionId(), null, "delete marker")).toList();
      done.merge("delete_marker", send(batch), Integer::sum);
    }
    if (rule.abortIncompleteDays() != null) {
      done.merge("abort_upload", uploads.sweep(props.dayLength().multipliedBy(rule.abortIncompleteDays()), bucket,
          filter.prefix()).size(), Integer::sum);
    }
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
}
