package io.mocks3.schemas.s3;

/**
 * The object an {@code x-amz-copy-source} header names: {@code [/]bucket/key[?versionId=...]},
 * percent-encoded ('+' stays a plus).
 *
 * @param versionId the source version as sent (not validated here), or null
 */
public record CopySource(String bucket, String key, String versionId) {
  /** @throws MalformedS3Request (InvalidArgument) when the header does not name a bucket and a key */
  public static CopySource parse(String header) {
    String value = header.trim();
    int query = value.indexOf('?');
    String version = null;
    if (query >= 0) {
      version = QueryParameters.parse(value.substring(query + 1)).get("versionId");
      value = value.substring(0, query);
    }
    String decoded = Percent.decodePath(value.startsWith("/") ? value.substring(1) : value,
        S3ErrorCode.INVALID_ARGUMENT, "Invalid copy source encoding");
    int slash = decoded.indexOf('/');
    if (slash <= 0 || slash == decoded.length() - 1) {
      throw new MalformedS3Request(S3ErrorCode.INVALID_ARGUMENT,
          "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
    }
    return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1), version);
  }

  /** The copy source, or null when the header is absent or does not read (the gateway then rejects the copy). */
  static CopySource parseOrNull(String header) {
    if (header == null) {
      return null;
    }
    try {
      return parse(header);
    } catch (MalformedS3Request e) {
      return null;
    }
  }
}
