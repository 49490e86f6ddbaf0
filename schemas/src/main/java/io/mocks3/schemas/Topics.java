package io.mocks3.schemas;

/**
 * Names of every topic MockS3 uses. Partitions, retention and compaction live in the
 * catalogue of the {@code kafka-config} module; a test there checks both agree.
 */
public final class Topics {
  /** S3 write commands, keyed by bucket so a bucket's commands keep their order. */
  public static final String COMMANDS = "mocks3.commands";
  /** Outcomes of commands (state changes or rejections), keyed by bucket. */
  public static final String EVENTS = "mocks3.events";
  /** Object bytes as {@link io.mocks3.schemas.blob.BlobChunk} records, keyed by blob id. */
  public static final String BLOBS = "mocks3.blobs";
  /** Storage-node acknowledgements ({@link io.mocks3.schemas.blob.BlobStored}), keyed by blob id. */
  public static final String BLOB_ACKS = "mocks3.blob-acks";
  /**
   * S3 event notifications ({@link io.mocks3.schemas.notification.S3Event} JSON), one record per
   * event and destination, keyed by bucket; headers name the destination.
   */
  public static final String NOTIFICATIONS = "mocks3.notifications";
  /**
   * Committed changes of the metadata read model, captured from PostgreSQL by Debezium: compacted,
   * keyed by {@link io.mocks3.schemas.cache.CacheKeys row key}, the value the row as JSON (column
   * name to value) or null when it was deleted. What the Redis cache is made from.
   */
  public static final String CDC = "mocks3.cdc";
  /** Blob garbage collection tasks ({@code BlobTask} JSON), keyed by blob id; retried through retry topics, then dead-lettered. */
  public static final String TASKS_GC = "mocks3.tasks.gc";
  /** Replica repair tasks: copy a blob a node lost from a node that has it; keyed by blob id. */
  public static final String TASKS_REPAIR = "mocks3.tasks.repair";
  /** Origin back-fills to finish in the background ({@code {"bucket", "key"}}), keyed by bucket/key. */
  public static final String TASKS_ORIGIN = "mocks3.tasks.origin";
  /** Fault rules, compacted, keyed by rule id. */
  public static final String FAULTS = "mocks3.faults";
  /** One record per injected fault. */
  public static final String FAULT_EVENTS = "mocks3.fault-events";

  /** Chaos experiments ({@link io.mocks3.schemas.run.Run}), compacted, keyed by run id. */
  public static final String RUNS = "mocks3.runs";
  /**
   * The S3 operations the gateway served while a run was open ({@link io.mocks3.schemas.history.HistoryRecord}),
   * keyed by bucket/key: the server-side history a run's report is judged on.
   */
  public static final String HISTORY = "mocks3.history";

  /** The dead-letter topic that belongs to {@code topic}. */
  public static String deadLetterOf(String topic) {
    return topic + ".dlq";
  }

  private Topics() {}
}
