package io.mocks3.faults.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceDirectoryTest {
  @Test
  void unconfiguredTheServicesAreTheLocalStacksAtTheControllersOwnPortOffset() {
    ServiceDirectory d = ServiceDirectory.of(null, 18085);
    assertThat(d.services()).containsEntry("api-gateway", "http://127.0.0.1:18080")
        .containsEntry("storage-node-2", "http://127.0.0.1:18182").containsEntry("fault-controller", "http://127.0.0.1:18085")
        .hasSize(6);
    assertThat(new java.util.ArrayList<>(d.services().keySet())).isSorted();
  }

  @Test
  void configuredServicesAreNameUrlPairs() {
    ServiceDirectory d = ServiceDirectory.of(" api-gateway=http://gw:8080 , metadata-projector=http://projector:8081", 8085);
    assertThat(d.services()).containsExactly(java.util.Map.entry("api-gateway", "http://gw:8080"),
        java.util.Map.entry("metadata-projector", "http://projector:8081"));
  }

  @Test
  void aPairThatIsNotOneIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> ServiceDirectory.of("gateway:8080", 8085))
        .hasMessageContaining("mocks3.console.services").hasMessageContaining("gateway:8080");
  }
}
