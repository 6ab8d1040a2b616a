package io.nagare.api.serialization;

import java.io.Serializable;

/**
 * Turns a record into bytes for an external system (a Kafka record's key or value). Serialised
 * with the job; {@link #open} runs once per subtask before the first record.
 *
 * @param <T> record type
 */
@FunctionalInterface
public interface SerializationSchema<T> extends Serializable {
  /** Prepares the schema (load a schema, build an object mapper); nothing by default. */
  default void open() throws Exception {}

  /** The bytes of {@code element}; null is written as a null value where the system allows it. */
  byte[] serialize(T element);
}
