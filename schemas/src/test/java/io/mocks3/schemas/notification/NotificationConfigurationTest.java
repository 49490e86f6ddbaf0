package io.mocks3.schemas.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.mocks3.schemas.notification.NotificationConfiguration.Destination;
import io.mocks3.schemas.notification.NotificationConfiguration.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationConfigurationTest {

  @Test
  void aDestinationMatchesItsEventFamiliesUnderItsKeyFilter() {
    Destination d = new Destination("id", Type.QUEUE, "arn:aws:sqs:::q", List.of("s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"),
        "logs/", ".gz");
    assertThat(d.matches("s3:ObjectCreated:Put", "logs/a.gz")).isTrue();
    assertThat(d.matches("s3:ObjectCreated:CompleteMultipartUpload", "logs/b.gz")).isTrue();
    assertThat(d.matches("s3:ObjectRemoved:Delete", "logs/a.gz")).isTrue();
    assertThat(d.matches("s3:ObjectRemoved:DeleteMarkerCreated", "logs/a.gz")).isFalse();
    assertThat(d.matches("s3:ObjectCreated:Put", "logs/a.txt")).as("suffix").isFalse();
    assertThat(d.matches("s3:ObjectCreated:Put", "data/a.gz")).as("prefix").isFalse();
    Destination all = new Destination("id", Type.TOPIC, "arn", List.of("s3:ObjectRemoved:*"), null, null);
    assertThat(all.matches("s3:ObjectRemoved:DeleteMarkerCreated", "anything")).isTrue();
    assertThat(all.matches("s3:ObjectCreated:Put", "anything")).isFalse();
  }

  @Test
  void onlyMockS3WebhookArnsNameAUrl() {
    assertThat(NotificationConfiguration.webhookUrl("arn:mocks3:webhook:::http://127.0.0.1:9000/hook"))
        .isEqualTo("http://127.0.0.1:9000/hook");
    assertThat(NotificationConfiguration.webhookUrl("arn:aws:sqs:us-east-1:000000000000:q")).isNull();
    assertThat(NotificationConfiguration.webhookUrl(null)).isNull();
  }
}
