package io.mocks3.faults.agent;

import java.util.Set;
import java.util.TreeSet;

/** The S3 operation name of a request (as the S3 API reference names it), for operation conditions. */
public final class S3Operations {
  /** Bucket sub-resources: query parameter, then the PUT, GET and DELETE operation (null: none). */
  private static final String[][] BUCKET_SUBRESOURCES = {
      {"tagging", "PutBucketTagging", "GetBucketTagging", "DeleteBucketTagging"},
      {"cors", "PutBucketCors", "GetBucketCors", "DeleteBucketCors"},
      {"versioning", "PutBucketVersioning", "GetBucketVersioning", null},
      {"notification", "PutBucketNotificationConfiguration", "GetBucketNotificationConfiguration", null},
      {"acl", "PutBucketAcl", "GetBucketAcl", null},
      {"location", null, "GetBucketLocation", null},
  };

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
      for (String[] sub : BUCKET_SUBRESOURCES) {
        if (q.contains(sub[0])) {
          String name = switch (method) {
            case "PUT" -> sub[1];
            case "DELETE" -> sub[3];
            default -> sub[2];
          };
          if (name != null) {
            return name;
          }
        }
      }
      return switch (method) {
        case "PUT" -> "CreateBucket";
        case "HEAD" -> "HeadBucket";
        case "DELETE" -> "DeleteBucket";
        case "POST" -> q.contains("delete") ? "DeleteObjects" : "PostBucket";
        default -> q.contains("uploads") ? "ListMultipartUploads" : q.contains("versions") ? "ListObjectVersions"
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
