package io.mocks3.gateway.core;

import io.mocks3.schemas.blob.ChecksumAlgorithm;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a body must prove about itself: its Content-MD5, and the {@code x-amz-checksum-*} values
 * the client sent in headers or will send in the trailer of an aws-chunked body.
 *
 * @param contentMd5 the Content-MD5 header (base64), or null
 * @param algorithms every additional checksum to compute and store (declared or merely requested)
 * @param declared values the client stated up front (base64), by algorithm
 * @param trailed values from the body's trailer, known only once the body has been read
 */
public record Integrity(
    String contentMd5,
    Set<ChecksumAlgorithm> algorithms,
    Map<ChecksumAlgorithm, String> declared,
    Supplier<Map<ChecksumAlgorithm, String>> trailed) {

  public static final Integrity NONE = new Integrity(null, Set.of(), Map.of(), Map::of);

  public Integrity {
    algorithms = algorithms.isEmpty() ? Set.of() : EnumSet.copyOf(algorithms);
    declared = Map.copyOf(declared);
  }
}
