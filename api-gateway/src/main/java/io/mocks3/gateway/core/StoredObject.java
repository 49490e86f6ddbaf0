package io.mocks3.gateway.core;

import io.mocks3.readmodel.ObjectRow;

/** An object found by a read, with the quoted ETag S3 returns. */
public record StoredObject(String bucket, ObjectRow row) {
  public String etag() {
    return "\"" + row.etag() + "\"";
  }
}
