package io.mocks3.readmodel;

/**
 * One page of a listing: keys under {@code prefix}, strictly after {@code after}, grouped at the
 * first {@code delimiter} past the prefix, at most {@code maxKeys} entries (keys plus prefixes).
 */
public record ListQuery(String prefix, String delimiter, String after, int maxKeys) {
  public ListQuery {
    prefix = prefix == null ? "" : prefix;
    delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    after = after == null ? "" : after;
  }
}
