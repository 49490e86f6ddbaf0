package io.mocks3.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindAddressTest {
  private static StackLayout layout(String bindAddress) {
    return new StackLayout(Path.of("."), Path.of("target/bind-test"), 0, "java", bindAddress);
  }

  @Test
  void givenNoBindAddress_ThenServicesListenOnLoopbackOnly() {
    StackLayout layout = layout(null);
    assertThat(layout.bindAddress()).isEqualTo("127.0.0.1");
    ServicePart faults = new ServicePart(layout, "fault-controller", "fault-controller", StackLayout.FAULTS, "256m", List.of(), List.of(),
        new SharedClasses(layout));
    assertThat(faults.command()).contains("--server.address=127.0.0.1", "--server.port=8085");
    assertThat(layout.url(StackLayout.FAULTS)).isEqualTo("http://127.0.0.1:8085");
  }

  @Test
  void givenEveryInterface_ThenTheStacksOwnCallsStillUseLoopback() {
    StackLayout layout = layout("0.0.0.0");
    ServicePart gateway = new ServicePart(layout, "api-gateway", "api-gateway", StackLayout.GATEWAY, "256m", List.of(), List.of(),
        new SharedClasses(layout));
    assertThat(gateway.command()).contains("--server.address=0.0.0.0");
    assertThat(layout.url(StackLayout.GATEWAY)).isEqualTo("http://127.0.0.1:8080");
    assertThat(layout("::").url(StackLayout.GATEWAY)).isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void givenOneAddress_ThenTheStacksOwnCallsGoThere() {
    assertThat(layout("192.168.1.20").url(StackLayout.PROJECTOR)).isEqualTo("http://192.168.1.20:8081");
    assertThat(layout("::1").url(StackLayout.PROJECTOR)).isEqualTo("http://[::1]:8081");
  }

  @Test
  void theLauncherDefaultsTo127001AndTakesTheOption() {
    LocalStack defaults = new LocalStack();
    picocli.CommandLine.populateCommand(defaults);
    assertThat(defaults.layout().bindAddress()).isEqualTo(System.getenv().getOrDefault("MOCKS3_BIND_ADDRESS", "127.0.0.1"));
    LocalStack chosen = new LocalStack();
    picocli.CommandLine.populateCommand(chosen, "--bind-address", "0.0.0.0");
    assertThat(chosen.layout().bindAddress()).isEqualTo("0.0.0.0");
  }
}
