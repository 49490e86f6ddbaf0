package io.mocks3.faults.observe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services the overview probes, name to base URL. {@code mocks3.console.services} names them
 * ({@code gateway=http://gw:8080,projector=http://...}); unset, they are the local stack's, at the
 * same port offset as this controller (its port minus 8085), so a stack started with
 * {@code --port-offset} needs no configuration.
 */
public record ServiceDirectory(Map<String, String> services) {
  private static final int FAULTS = 8085;
  private static final Map<String, Integer> LOCAL = localPorts();

  public ServiceDirectory {
    services = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(services));
  }

  private static Map<String, Integer> localPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("api-gateway", 8080);
    ports.put("metadata-projector", 8081);
    ports.put("storage-node-1", 8082);
    ports.put("storage-node-2", 8182);
    ports.put("task-workers", 8083);
    ports.put("fault-controller", FAULTS);
    return ports;
  }

  /**
   * @param configured {@code name=url} pairs separated by commas; blank for the local stack's
   * @param ownPort the port this controller listens on
   */
  public static ServiceDirectory of(String configured, int ownPort) {
    Map<String, String> found = new LinkedHashMap<>();
    if (configured == null || configured.isBlank()) {
      int offset = ownPort - FAULTS;
      LOCAL.forEach((name, port) -> found.put(name, "http://127.0.0.1:" + (port + offset)));
    } else {
      for (String pair : configured.split(",")) {
        String[] nameAndUrl = pair.trim().split("=", 2);
        if (nameAndUrl.length != 2 || nameAndUrl[0].isBlank() || !nameAndUrl[1].startsWith("http")) {
          throw new IllegalArgumentException("mocks3.console.services: expected name=http://host:port pairs, got \"" + pair
              + "\"");
        }
        found.put(nameAndUrl[0].trim(), nameAndUrl[1].trim());
      }
    }
    return new ServiceDirectory(found);
  }
}
