package io.mocks3.faults.agent;

import java.util.Set;
import java.util.TreeSet;

/** The S3 operation name of a request (as the S3 API reference names it), for operation conditions. */
public final class S3Operations {
  private S3Operations() {}

  public static String classify(String method, boolean bucket, boolean key, String rawQuery, boolean copySource) {
    Set<String> q = new TreeSet<>();
    for (String pair : rawQuery.split("&")) {
      if (!pair.isEmpty()) {
        q.add(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair);
      }
    }
    if (!bucket) {
      return "ListBuckets";
    }
    if (!key) {
      return switch (method) {
        case "PUT" -> q.contains("tagging") ? "PutBucketTagging" : q.contains("cors") ? "PutBucketCors" : "CreateBucket";
        case "HEAD" -> "HeadBucket";
        case "DELETE" -> q.contains("tagging") ? "DeleteBucketTagging" : q.contains("cors") ? "DeleteBucketCors" : "DeleteBucket";
        case "POST" -> q.contains("delete") ? "DeleteObjects" : "PostBucket";
        default -> q.contains("uploads") ? "ListMultipartUploads" : q.contains("location") ? "GetBucketLocation"
            : q.contains("tagging") ? "GetBucketTagging" : q.contains("cors") ? "GetBucketCors"
            : q.contains("versioning") ? "GetBucketVersioning"
            : "2".equals(listType(rawQuery)) ? "ListObjectsV2" : "ListObjects";
      };
    }
    if (q.contains("uploadId")) {
      return switch (method) {
        case "PUT" -> copySource ? "UploadPartCopy" : "UploadPart";
        case "POST" -> "CompleteMultipartUpload";
        case "DELETE" -> "AbortMultipartUpload";
        default -> "ListParts";
      };
    }
    if (q.contains("uploads")) {
      return "CreateMultipartUpload";
    }
    if (q.contains("tagging")) {
      return switch (method) {
        case "PUT" -> "PutObjectTagging";
        case "DELETE" -> "DeleteObjectTagging";
        default -> "GetObjectTagging";
      };
    }
    if (q.contains("attributes")) {
      return "GetObjectAttributes";
    }
    return switch (method) {
      case "PUT" -> copySource ? "CopyObject" : "PutObject";
      case "HEAD" -> "HeadObject";
      case "DELETE" -> "DeleteObject";
      default -> "GetObject";
    };
  }

  private static String listType(String rawQuery) {
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("list-type=")) {
        return pair.substring("list-type=".length());
      }
    }
    return null;
  }
}
