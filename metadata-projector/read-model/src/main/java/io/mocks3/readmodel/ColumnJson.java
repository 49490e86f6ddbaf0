package io.mocks3.readmodel;

import tools.jackson.core.type.TypeReference;
import io.mocks3.schemas.Json;
import io.mocks3.schemas.blob.BlobRef;
import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.util.List;
import java.util.Map;

/**
 * The read model's jsonb columns as Java values, the one reading of them: rows read from
 * PostgreSQL and rows read from the Redis cache (the same columns, captured by CDC) both use it.
 */
public final class ColumnJson {
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<List<BlobRef>> BLOB_LIST = new TypeReference<>() {};
  private static final TypeReference<Map<ChecksumAlgorithm, String>> CHECKSUMS = new TypeReference<>() {};

  private ColumnJson() {}

  /** headers, user_metadata, tags. */
  public static Map<String, String> stringMap(String json) {
    return read(json, STRING_MAP);
  }

  /** checksums: algorithm to base64 value. */
  public static Map<ChecksumAlgorithm, String> checksums(String json) {
    return read(json, CHECKSUMS);
  }

  /** parts of a multipart object: the blobs whose concatenation it is; null when the column is null. */
  public static List<BlobRef> blobs(String json) {
    return json == null ? null : read(json, BLOB_LIST);
  }

  private static <T> T read(String json, TypeReference<T> type) {
    return Json.mapper().readValue(json, type);
  }
}
