package io.mocks3.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.schemas.s3.S3ErrorCode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriteTimeoutTest {
  private static final Duration GATEWAY = Duration.ofSeconds(30);

  @Test
  void theHeaderSetsTheTimeoutOfItsRequestOnly() throws Exception {
    Duration[] seen = new Duration[1];

    WriteTimeout.during(WriteTimeout.parse("3s"), () -> seen[0] = WriteTimeout.orElse(GATEWAY));

    assertThat(seen[0]).isEqualTo(Duration.ofSeconds(3));
    assertThat(WriteTimeout.orElse(GATEWAY)).as("after the request").isEqualTo(GATEWAY);
  }

  @Test
  void withoutTheHeaderTheGatewaysTimeoutHolds() throws Exception {
    Duration[] seen = new Duration[1];

    WriteTimeout.during(WriteTimeout.parse(null), () -> seen[0] = WriteTimeout.orElse(GATEWAY));

    assertThat(seen[0]).isEqualTo(GATEWAY);
    assertThat(WriteTimeout.parse(" ")).isEmpty();
  }

  @Test
  void aRequestThatFailsLeavesNoTimeoutBehindOnItsThread() {
    assertThatThrownBy(() -> WriteTimeout.during(Optional.of(Duration.ofMillis(500)), () -> {
      throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "not confirmed");
    })).isInstanceOf(S3Exception.class);

    assertThat(WriteTimeout.orElse(GATEWAY)).isEqualTo(GATEWAY);
  }

  @Test
  void theFormsOfDurationsAreAccepted() {
    assertThat(WriteTimeout.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(WriteTimeout.parse("PT2S")).contains(Duration.ofSeconds(2));
    assertThat(WriteTimeout.parse("10m")).contains(Duration.ofMinutes(10));
  }

  @Test
  void aValueThatIsNoDurationOrOutOfRangeIsInvalidArgumentNamingTheHeader() {
    for (String bad : new String[] {"3", "soon", "-1s", "0s", "11m", "500us"}) {
      assertThatThrownBy(() -> WriteTimeout.parse(bad)).as(bad).isInstanceOfSatisfying(S3Exception.class, e -> {
        assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
        assertThat(e.getMessage()).contains("x-mocks3-write-timeout", "\"" + bad + "\"");
      });
    }
  }
}
