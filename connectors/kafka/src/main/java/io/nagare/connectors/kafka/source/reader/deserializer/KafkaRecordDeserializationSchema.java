package io.nagare.connectors.kafka.source.reader.deserializer;

import io.nagare.api.functions.Collector;
import io.nagare.api.serialization.DeserializationSchema;
import io.nagare.api.typeinfo.TypeInformation;
import java.io.IOException;
import java.io.Serializable;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a whole Kafka record (key, value, headers, topic, partition, offset, timestamp) into zero
 * or more records of the stream. Serialised with the job; {@link #open} runs once per reader, and
 * {@link #deserialize} on the reader's subtask thread, one Kafka record at a time. The records it
 * emits get the Kafka record's timestamp.
 *
 * <pre>{@code
 * KafkaRecordDeserializationSchema<String> keyAndValue = new KafkaRecordDeserializationSchema<>() {
 *   public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<String> out) {
 *     out.collect(new String(r.key(), UTF_8) + "=" + new String(r.value(), UTF_8));
 *   }
 *   public TypeInformation<String> getProducedType() { return Types.STRING; }
 * };
 * // or, for the value alone:
 * KafkaRecordDeserializationSchema.valueOnly(new SimpleStringSchema());
 * }</pre>
 *
 * @param <T> the stream's record type
 */
public interface KafkaRecordDeserializationSchema<T> extends Serializable {
  /** Prepares the schema; nothing by default. */
  default void open() throws Exception {}

  /**
   * Emits the records in {@code record}. Any exception (not only {@link IOException}) makes the
   * record malformed: the source's {@link io.nagare.connectors.kafka.source.MalformedRecordPolicy}
   * decides what follows.
   */
  void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) throws IOException;

  /** The type of the records, for the stream built on them. */
  TypeInformation<T> getProducedType();

  /** The record's value through {@code valueDeserializationSchema}; key and headers are ignored. */
  static <V> KafkaRecordDeserializationSchema<V> valueOnly(DeserializationSchema<V> valueDeserializationSchema) {
    return new ValueOnlyDeserializationSchema<>(valueDeserializationSchema);
  }
}
