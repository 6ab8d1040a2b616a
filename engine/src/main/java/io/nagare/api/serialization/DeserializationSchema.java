package io.nagare.api.serialization;

import io.nagare.api.functions.Collector;
import io.nagare.api.typeinfo.ResultTypeQueryable;
import io.nagare.api.typeinfo.TypeInformation;
import java.io.IOException;
import java.io.Serializable;

/**
 * Turns bytes from an external system (a Kafka record's value) into records. Serialised with the
 * job; {@link #open} runs once per subtask before the first record.
 *
 * @param <T> record type
 */
public interface DeserializationSchema<T> extends Serializable, ResultTypeQueryable<T> {
  /** Prepares the schema; nothing by default. */
  default void open() throws Exception {}

  /**
   * The record in {@code message}, or null to emit none.
   *
   * @throws IOException if the bytes are not a valid record (the source then applies its policy
   *     for malformed records)
   */
  T deserialize(byte[] message) throws IOException;

  /** Emits the records in {@code message}: by default the one {@link #deserialize(byte[])} returns. */
  default void deserialize(byte[] message, Collector<T> out) throws IOException {
    T record = deserialize(message);
    if (record != null) {
      out.collect(record);
    }
  }

  /** The type of the records, for the stream built on them. */
  @Override
  TypeInformation<T> getProducedType();
}
