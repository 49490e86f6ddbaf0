package io.mocks3.ops.bench;

import io.mocks3.kafkaconfig.GroupLag;
import io.mocks3.schemas.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The metadata projector's backlog on the command log, read from the broker as any operator would
 * ({@link GroupLag}): the log's end offsets against the offsets the projector's consumer group has
 * committed. Also the
 * storage nodes' backlog on the blob log ({@link #storageBacklog}): after an eventual burst they
 * are behind too, and a strong write waits for its blob to be stored.
 */
final class ProjectorLag implements AutoCloseable {
  private static final String STORAGE_GROUPS = "mocks3-storage-";
  private static final long TIMEOUT_SECONDS = 30; // a loaded 2-core box can take seconds to answer

  private final Admin admin;
  private final GroupLag lag;
  private final String group;
  private final String topic;

  /** The log and the projector's offsets at one moment (a partition it never committed: the log's start). */
  record Sample(long nanos, long end, long committed) {
    long lag() {
      return end - committed;
    }
  }

  private ProjectorLag(Admin admin, String group, String topic) {
    this.admin = admin;
    this.lag = new GroupLag(admin, Duration.ofSeconds(TIMEOUT_SECONDS));
    this.group = group;
    this.topic = topic;
  }

  /** Connects and takes a first sample; a broker that does not answer is an error that says how to go without it. */
  static ProjectorLag connect(String bootstrap, String group, String topic) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "mocks3-bench-lag");
    Admin admin = Admin.create(config);
    try {
      ProjectorLag lag = new ProjectorLag(admin, group, topic);
      lag.sample();
      return lag;
    } catch (RuntimeException e) {
      admin.close();
      throw new IllegalStateException("cannot read the projector's lag on " + topic + " from the broker at " + bootstrap
          + " (" + e.getMessage() + "); name the stack's broker with --bootstrap, or --bootstrap none to run without lag figures", e);
    }
  }

  Sample sample() {
    GroupLag.Backlog backlog = lag.backlog(group, topic);
    return new Sample(System.nanoTime(), backlog.end(), backlog.consumed());
  }

  /**
   * The blobs the live storage nodes (the groups {@code mocks3-storage-*} with members) have not
   * stored yet: the blob log's end offsets against each node's committed offsets, summed.
   */
  long storageBacklog() {
    long backlog = 0;
    for (String group : lag.groupsWithMembers(STORAGE_GROUPS)) {
      backlog += lag.backlog(group, Topics.BLOBS).lag();
    }
    return backlog;
  }

  /**
   * Polls {@link #storageBacklog} until it is 0 or {@code deadlineNanos} ({@link System#nanoTime})
   * passes, telling stderr every 5 s; returns the blobs still not stored (0 when the nodes caught up).
   */
  long awaitStorage(long deadlineNanos, String what) throws InterruptedException {
    long nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
    long blobs = storageBacklog();
    while (blobs > 0 && System.nanoTime() < deadlineNanos) {
      Thread.sleep(STORAGE_POLL_MILLIS); // polling the broker's offsets, not synchronizing threads
      blobs = storageBacklog();
      if (System.nanoTime() > nextProgress) {
        System.err.printf(java.util.Locale.ROOT, "%s: %d blob chunks not yet stored by the storage nodes, waiting%n", what, blobs);
        nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
      }
    }
    return blobs;
  }

  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;
  private static final long STORAGE_POLL_MILLIS = 50;

  @Override
  public void close() {
    admin.close();
  }
}
