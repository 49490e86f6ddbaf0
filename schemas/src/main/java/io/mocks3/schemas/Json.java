package io.mocks3.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of MockS3's messages (Jackson 3): ISO timestamps, unknown fields tolerated, nulls left out.
 * Where Jackson 3 changed a default that our wire depends on, the builder pins Jackson 2's: the records on the
 * topics, the control plane's answers and the history files read and write byte for byte as before (the golden
 * fixtures of SchemasWireTest and the modules' *WireTest hold them).
 */
public final class Json {
  private static final JsonMapper MAPPER = wireBuilder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
      .build();

  /** A shared, thread-safe (and immutable) mapper. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * A builder with Jackson 2's defaults where Jackson 3 changed them and MockS3's wire depends on it: properties in
   * declaration order (not alphabetical), '/' not escaped, enums by name, java.time as ISO-8601 text (durations too), a
   * null or absent primitive read as 0/false, trailing tokens after a document ignored. For a mapper of different
   * inclusion or output (history-checker's report); messages use {@link #mapper()}.
   */
  public static JsonMapper.Builder wireBuilder() {
    return JsonMapper.builder()
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
        .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
        .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private Json() {}
}
