package io.mocks3.schemas;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Every record on a MockS3 topic carries the version of the contract it was written with. */
public interface Message {
  /** Bumped when a message's shape changes incompatibly; readers accept every version up to it. */
  int SCHEMA_VERSION = 1;

  @JsonProperty(value = "schemaVersion", access = JsonProperty.Access.READ_ONLY)
  default int schemaVersion() {
    return SCHEMA_VERSION;
  }
}
