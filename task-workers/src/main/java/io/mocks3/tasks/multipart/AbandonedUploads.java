package io.mocks3.tasks.multipart;

import io.micrometer.core.instrument.MeterRegistry;
import io.mocks3.schemas.BucketName;
import io.mocks3.schemas.ObjectKey;
import io.mocks3.schemas.command.AbortMultipartUpload;
import io.mocks3.schemas.command.Command;
import io.mocks3.tasks.CommandAppender;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.mocks3.faults.agent.FaultAgent;
import io.mocks3.faults.agent.FaultTarget;
import io.mocks3.faults.agent.InjectedFault;
import io.mocks3.readmodel.UploadRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Cleans up abandoned multipart uploads: every {@code interval} (and on demand, through
 * {@code POST /admin/tasks/multipart-cleanup}), each upload initiated more than {@code after} ago is aborted by an AbortMultipartUpload command on the log, decided by the
 * projector like a client's abort (an upload completed meanwhile is left alone: NoSuchUpload).
 * The command id is derived from the upload, so a sweep repeated before the abort is projected
 * sends the same command again, not a new one.
 *
 * <p>The {@code tasks} fault point (operation AbortAbandonedUpload) acts on each upload: an error
 * leaves it for the next sweep, a delay slows the sweep down.
 */
@Component
public class AbandonedUploads {
  private static final Logger log = LoggerFactory.getLogger(AbandonedUploads.class);
  private static final int BATCH = 1000;

  private final UploadRepository uploads;
  private final Producer<String, Command> commands;
  private final MultipartCleanupProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;
  private final FaultAgent faults;

  AbandonedUploads(JdbcTemplate jdbc, Producer<String, Command> commands, MultipartCleanupProperties properties,
      MeterRegistry meters, Clock clock, ObjectProvider<FaultAgent> faults) {
    this.faults = faults.getIfAvailable();
    this.uploads = new UploadRepository(JdbcClient.create(jdbc));
    this.commands = commands;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
    meters.counter("multipart.uploads.aborted", "task", "multipart-cleanup");
  }

  /** One upload that was found abandoned. */
  public record Abandoned(String bucket, String key, String uploadId, Instant initiated) {}

  /** The scheduled sweep, with the configured age; a failure (PostgreSQL or Kafka down) waits for the next one. */
  public void sweep() {
    try {
      sweep(properties.after(), null);
    } catch (RuntimeException e) {
      log.warn("abandoned-upload sweep failed; the next one retries: {}", e.getMessage());
    }
  }

  /**
   * Aborts every upload (of {@code bucket}, or of all buckets when null) initiated at least
   * {@code olderThan} ago, up to a thousand a sweep; returns them once their commands are in the log.
   */
  public List<Abandoned> sweep(Duration olderThan, String bucket) {
    return sweep(olderThan, bucket, "");
  }

  /** As {@link #sweep(Duration, String)}, for the keys that start with {@code prefix} (a lifecycle rule's). */
  public List<Abandoned> sweep(Duration olderThan, String bucket, String prefix) {
    Instant cutoff = clock.instant().minus(olderThan);
    List<Abandoned> found = uploads.initiatedBefore(cutoff, bucket, prefix, BATCH).stream()
        .map(u -> new Abandoned(u.bucket(), u.key(), u.uploadId(), u.initiatedAt())).toList();
    List<Command> aborts = new ArrayList<>();
    List<Abandoned> aborted = new ArrayList<>();
    for (Abandoned upload : found) {
      if (failedByFault(upload)) {
        continue;
      }
      aborted.add(upload);
      String commandId = UUID.nameUUIDFromBytes(("abandoned-upload:" + upload.bucket() + "/" + upload.uploadId())
          .getBytes(StandardCharsets.UTF_8)).toString();
      Command abort = new AbortMultipartUpload(commandId, BucketName.of(upload.bucket()), ObjectKey.of(upload.key()),
          upload.uploadId(), clock.instant());
      aborts.add(abort);
    }
    CommandAppender.append(commands, aborts, "aborts");
    if (!aborted.isEmpty()) {
      meters.counter("multipart.uploads.aborted", "task", "multipart-cleanup").increment(aborted.size());
      log.info("aborted {} multipart upload(s) initiated before {}", aborted.size(), cutoff);
    }
    return aborted;
  }

  private boolean failedByFault(Abandoned upload) {
    if (faults == null || !faults.armed()) {
      return false;
    }
    try {
      faults.apply(new FaultTarget("tasks", "tasks", "AbortAbandonedUpload", upload.bucket(), upload.key(), null,
          "tasks AbortAbandonedUpload " + upload.bucket() + "/" + upload.key() + " " + upload.uploadId()));
      return false;
    } catch (InjectedFault e) {
      meters.counter("errors", "service", "task-workers", "source", "multipart-cleanup").increment();
      log.warn("abort of abandoned upload {} failed by an injected fault; the next sweep retries it", upload.uploadId());
      return true;
    }
  }
}
