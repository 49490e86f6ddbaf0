package io.mocks3.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mocks3.projector.projection.MetadataProjection;
import io.mocks3.projector.projection.ProjectedEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The order the read model and the Kafka commit keep, with a mock producer and a read model that waits when told. */
class OverlappedReadModelTest {
  private final List<String> happened = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile RuntimeException failure;
  private final MetadataProjection readModel = batch -> {
    happened.add("read model started on " + Thread.currentThread().getName());
    try {
      if (!release.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
    happened.add("read model committed");
  };
  private final MockProducer<byte[], byte[]> mock = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final OverlappedReadModel overlapped = new OverlappedReadModel(readModel, config -> mock);

  @Test
  void beforeKafkaStreamsHasAProducer_ABatchIsAppliedInPlace() {
    release.countDown();
    overlapped.apply(List.<ProjectedEvent>of());
    assertThat(happened).containsExactly("read model started on " + Thread.currentThread().getName(), "read model committed");
  }

  @Test
  void theKafkaCommitWaitsForTheReadModelStartedBeforeIt() throws Exception {
    Producer<byte[], byte[]> producer = overlapped.getProducer(Map.of());
    producer.initTransactions();
    producer.beginTransaction();
    overlapped.apply(List.<ProjectedEvent>of());
    assertThat(happened).as("apply returned while the read model's transaction runs on its own thread")
        .doesNotContain("read model committed");

    CompletableFuture<Void> commit = CompletableFuture.runAsync(producer::commitTransaction);
    assertThatThrownBy(() -> commit.get(200, TimeUnit.MILLISECONDS)).as("the Kafka commit waits for the read model")
        .isInstanceOf(TimeoutException.class);
    assertThat(mock.transactionCommitted()).isFalse();

    release.countDown();
    commit.get(10, TimeUnit.SECONDS);
    assertThat(mock.transactionCommitted()).isTrue();
    assertThat(happened).containsExactly("read model started on read-model-commit", "read model committed");
  }

  @Test
  void aReadModelThatFailsFailsTheKafkaCommit_AnAbortForgetsIt() {
    Producer<byte[], byte[]> producer = overlapped.getProducer(Map.of());
    producer.initTransactions();
    producer.beginTransaction();
    failure = new IllegalStateException("PostgreSQL refused the batch");
    overlapped.apply(List.<ProjectedEvent>of());
    release.countDown();

    assertThatThrownBy(producer::commitTransaction).isSameAs(failure);
    assertThat(mock.transactionCommitted()).isFalse();
    producer.abortTransaction();
    assertThat(mock.transactionAborted()).isTrue();

    failure = null;
    producer.beginTransaction();
    overlapped.apply(List.<ProjectedEvent>of());
    producer.commitTransaction();
    assertThat(mock.transactionCommitted()).isTrue();
    assertThat(happened).endsWith("read model committed");
  }
}
