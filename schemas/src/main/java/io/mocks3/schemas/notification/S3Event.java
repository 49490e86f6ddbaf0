package io.mocks3.schemas.notification;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An S3 event notification, in the JSON shape AWS S3 delivers (event version 2.1), so code that
 * parses S3 events reads MockS3's unchanged. One record per event, as S3 sends them.
 */
public record S3Event(@JsonProperty("Records") List<Record> records) {
  /** Header of a record on {@code mocks3.notifications}: the destination's ARN. */
  public static final String DESTINATION_HEADER = "mocks3-destination";
  /** Header of a record on {@code mocks3.notifications}: the destination's configuration id. */
  public static final String CONFIGURATION_ID_HEADER = "mocks3-configuration-id";

  public record Record(String eventVersion, String eventSource, String awsRegion, String eventTime, String eventName,
      Identity userIdentity, Map<String, String> requestParameters, Map<String, String> responseElements, S3 s3) {}

  public record Identity(String principalId) {}

  public record S3(String s3SchemaVersion, String configurationId, Bucket bucket, S3Object object) {}

  public record Bucket(String name, Identity ownerIdentity, String arn) {}

  /** {@code key} is URL-encoded as in S3's events; size and eTag are absent on removals. */
  public record S3Object(String key, Long size, String eTag, String versionId, String sequencer) {}
}
