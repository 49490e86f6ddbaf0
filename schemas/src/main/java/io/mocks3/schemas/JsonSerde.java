package io.mocks3.schemas;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde for a message type; JSON keeps records readable in Kafka UI. */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
  private final Class<T> type;
  private final ObjectWriter writer;
  private final ObjectReader reader;

  private JsonSerde(Class<T> type) {
    this.type = type;
    this.writer = Json.mapper().writerFor(type);
    this.reader = Json.mapper().readerFor(type);
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    try {
      return writer.writeValueAsBytes(data);
    } catch (JacksonException e) {
      throw new SerializationException("cannot write " + type.getSimpleName() + " for " + topic, e);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return reader.readValue(data);
    } catch (JacksonException e) {
      throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic, e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

  @Override
  public void close() {}
}
