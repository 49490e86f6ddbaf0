package io.mocks3.tasks;

import io.mocks3.tasks.blobs.BlobSweep;
import io.mocks3.tasks.lifecycle.LifecycleExpiry;
import io.mocks3.tasks.multipart.AbandonedUploads;
import java.time.Duration;
import java.util.Map;
import io.mocks3.schemas.fault.Durations;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs a task now instead of waiting for its schedule. */
@RestController
class TaskAdminController {
  private final AbandonedUploads abandonedUploads;
  private final BlobSweep blobSweep;
  private final LifecycleExpiry lifecycle;

  TaskAdminController(AbandonedUploads abandonedUploads, BlobSweep blobSweep, LifecycleExpiry lifecycle) {
    this.abandonedUploads = abandonedUploads;
    this.blobSweep = blobSweep;
    this.lifecycle = lifecycle;
  }

  /** Applies every bucket's lifecycle rules now; answers how many objects each action expired. */
  @PostMapping("/admin/tasks/lifecycle")
  Map<String, Object> lifecycle() {
    return Map.of("expired", lifecycle.sweep());
  }

  /** Sweeps the storage nodes now: GC tasks for orphans past the grace period, repair tasks for lost blobs. */
  @PostMapping("/admin/tasks/blob-sweep")
  Map<String, Object> blobSweep() {
    return Map.of("queued", blobSweep.sweep());
  }

  /**
   * Aborts the multipart uploads initiated at least {@code older-than} ago ({@code 0s}, {@code 2h},
   * {@code PT30M}), of one {@code bucket} or all; answers the uploads it aborted.
   */
  @PostMapping("/admin/tasks/multipart-cleanup")
  Map<String, Object> multipartCleanup(@RequestParam(name = "older-than") String olderThan,
      @RequestParam(required = false) String bucket) {
    Duration age = Durations.parse(olderThan);
    return Map.of("aborted", abandonedUploads.sweep(age, bucket));
  }
}
