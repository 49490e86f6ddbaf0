package io.mocks3.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class S3ErrorHandlerTest {
  @Test
  void aReadThatTimedOutIsRecognisedAtAnyDepth_OtherFailuresAreNot() {
    TimeoutException idle = new TimeoutException("Idle timeout expired: 10000/10000 ms");
    assertThat(S3ErrorHandler.timedOut(new IOException(idle))).isTrue();
    assertThat(S3ErrorHandler.timedOut(new UncheckedIOException(new IOException(idle)))).isTrue();
    assertThat(S3ErrorHandler.timedOut((EOFException) new EOFException("early EOF").initCause(idle))).isTrue();
    assertThat(S3ErrorHandler.timedOut(new IOException("connection reset"))).isFalse();
    assertThat(S3ErrorHandler.timedOut(new IllegalStateException())).isFalse();
  }
}
