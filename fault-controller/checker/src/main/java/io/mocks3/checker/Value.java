package io.mocks3.checker;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a put wrote or a read observed, as the checker compares it: a history line's
 * {@link io.mocks3.schemas.history.HistoryRecord.Value} (converted when the lines are folded) with the identity the
 * format defines. Two values are the same write when their sha256 match, or, when either side lacks a sha256 (a
 * HEAD, or a GET recorded without hashing), when their ETags match. Serialized as in the history (reports).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Value(String etag, @JsonProperty("version_id") String versionId, String sha256) {

  public boolean sameWriteAs(Value other) {
    if (other == null) {
      return false;
    }
    if (sha256 != null && other.sha256 != null) {
      return sha256.equalsIgnoreCase(other.sha256);
    }
    return etag != null && other.etag != null && unquotedEtag().equals(other.unquotedEtag());
  }

  /** ETags arrive quoted from S3 and unquoted from some clients; the quotes carry no identity. */
  @JsonIgnore
  public String unquotedEtag() {
    return etag == null ? null : etag.replace("\"", "");
  }

  /** The completion of a put knows the ETag and version; its invoke may have known only the sha256. */
  Value mergedWith(Value later) {
    if (later == null) {
      return this;
    }
    return new Value(
        later.etag != null ? later.etag : etag,
        later.versionId != null ? later.versionId : versionId,
        later.sha256 != null ? later.sha256 : sha256);
  }

  @Override
  public String toString() {
    return sha256 != null ? "sha256:" + abbreviate(sha256) : "etag:" + unquotedEtag();
  }

  private static String abbreviate(String hex) {
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
