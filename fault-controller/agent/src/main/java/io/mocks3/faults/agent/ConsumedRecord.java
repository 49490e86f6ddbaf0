package io.mocks3.faults.agent;

import io.mocks3.schemas.fault.FaultSubject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record a consumer took from the log, as stream chaos sees it: where it sits ({@code topic},
 * {@code partition}, {@code offset}), the record key chaos filters on, and what it means in S3 terms
 * (the subject its fault event names).
 */
public record ConsumedRecord(String topic, int partition, long offset, String key, FaultSubject subject) {

  public ConsumedRecord {
    subject = subject == null ? FaultSubject.NONE : subject;
  }

  /** {@code record} as chaos sees it: its own key, position and request id header, with {@code subject}'s S3 terms. */
  public static ConsumedRecord of(ConsumerRecord<String, ?> record, FaultSubject subject) {
    String requestId = FaultSubject.requestId(name -> {
      Header h = record.headers().lastHeader(name);
      return h == null ? null : h.value();
    });
    FaultSubject s = subject == null ? FaultSubject.NONE : subject;
    if (s.requestId() == null && requestId != null) {
      s = new FaultSubject(s.operation(), s.bucket(), s.key(), s.versionId(), s.commandId(), requestId);
    }
    return new ConsumedRecord(record.topic(), record.partition(), record.offset(), record.key(), s);
  }

  /** "topic/partition@offset": where a lost or dead-lettered record can be found again. */
  public String position() {
    return topic + "/" + partition + "@" + offset;
  }
}
