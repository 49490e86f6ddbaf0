package io.mocks3.faults.agent;

import java.util.function.UnaryOperator;

/**
 * What is about to happen at an injection point, as far as rule conditions look at it.
 *
 * @param service the canonical service the point belongs to (see {@code Services})
 * @param point the injection point: "http", "metadata", ...
 * @param operation e.g. GetObject, PutObject, GetBlob, ReadObjectMetadata
 * @param bucket the bucket, or null
 * @param key the object key, or null
 * @param headers request headers by name, null when absent (or no headers at this point)
 * @param description for the fault event: "GET /photos/cat.jpg"
 */
public record FaultTarget(
    String service, String point, String operation, String bucket, String key, UnaryOperator<String> headers,
    String description) {

  public FaultTarget {
    headers = headers == null ? name -> null : headers;
  }
}
