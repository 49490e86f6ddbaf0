package io.mocks3.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One dead-letter topic ({@code /api/v1/dlq/{topic}}): what waits in it, re-driving, purging. */
public final class DeadLetterQueue {
  private final String topic;
  private final ControlPlane plane;

  DeadLetterQueue(String topic, ControlPlane plane) {
    this.topic = topic;
    this.plane = plane;
  }

  public String topic() {
    return topic;
  }

  /** The first {@code limit} (at most 1000) records waiting. */
  public List<DeadLetter> show(int limit) {
    return plane.list(plane.get(path() + "?limit=" + limit).path("records"), DeadLetter.class);
  }

  /** How many records wait. */
  public long waiting() {
    return plane.get(path() + "?limit=0").path("waiting").asLong();
  }

  /** Puts every waiting record back on its topic (poison is discarded). */
  public Redriven redriveAll() {
    return plane.convert(plane.send("POST", path() + "/redrive", null), Redriven.class);
  }

  /** Puts the dead letter at {@code partition}/{@code offset} back on its topic; a 404 when there is none. */
  public Redriven redrive(int partition, long offset) {
    return plane.convert(plane.send("POST", path() + "/redrive?partition=" + partition + "&offset=" + offset, null),
        Redriven.class);
  }

  /** Discards every waiting record; answers how many. */
  public long purge() {
    return plane.send("DELETE", path(), null).path("purged").asLong();
  }

  private String path() {
    return "/api/v1/dlq/" + topic;
  }

  /** What a re-drive did: records put back, and poison records discarded instead. */
  public record Redriven(long redriven, @JsonProperty("discarded_poison") long discardedPoison) {}
}
