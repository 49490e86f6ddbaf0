package io.mocks3.schemas.fault;

import java.util.Locale;
import java.util.Map;

/**
 * The service names a rule may target. Users know the services by their documented roles
 * (gateway, storage-service, metadata-service, ...); each maps to the MockS3 module that plays it,
 * or to an injection point inside one: "metadata-service" is the gateway's metadata reads,
 * "storage-disk" the storage nodes' blob writes and reads, "metadata-db" the projector's
 * transactions on the read model, "tasks" the task workers' task attempts, "origin" their fetches
 * from a bucket's upstream (operation FetchOrigin).
 */
public final class Services {
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("gateway", "api-gateway"),
      Map.entry("api-gateway", "api-gateway"),
      Map.entry("storage-service", "storage-node"),
      Map.entry("storage-node", "storage-node"),
      Map.entry("storage", "storage-node"),
      Map.entry("storage-disk", "disk"),
      Map.entry("disk", "disk"),
      Map.entry("metadata-service", "metadata"),
      Map.entry("metadata", "metadata"),
      Map.entry("metadata-db", "metadata-db"),
      Map.entry("metadata-projector", "metadata-projector"),
      Map.entry("task-workers", "task-workers"),
      Map.entry("tasks", "tasks"),
      Map.entry("origin", "origin"),
      Map.entry("fault-controller", "fault-controller"));

  private Services() {}

  /** The canonical target a rule's service names, "*" for all; null when the name is unknown. */
  public static String canonical(String service) {
    if (service == null || service.isBlank() || service.trim().equals("*")) {
      return "*";
    }
    return ALIASES.get(service.trim().toLowerCase(Locale.ROOT));
  }

  public static java.util.Set<String> names() {
    return ALIASES.keySet();
  }
}
