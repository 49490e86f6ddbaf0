package io.mocks3.client;

/** While the kill switch is engaged no agent injects anything, whatever the rules say. */
public final class KillSwitch {
  private final ControlPlane plane;

  KillSwitch(ControlPlane plane) {
    this.plane = plane;
  }

  /** Engages it; returns once every agent stopped injecting. */
  public void engage() {
    plane.change("PUT", "/api/v1/kill-switch", null);
  }

  /** Releases it; returns once every agent injects again. */
  public void release() {
    plane.change("DELETE", "/api/v1/kill-switch", null);
  }

  public boolean engaged() {
    return plane.get("/api/v1/kill-switch").path("engaged").asBoolean();
  }
}
