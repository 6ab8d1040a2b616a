package io.nagare.connectors.kafka.sink;

import java.io.Serializable;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns a record of the stream into a Kafka record: topic, partition (or null for Kafka's choice),
 * key, value, timestamp and headers. Serialised with the job; {@link #open} runs once per subtask
 * before the first record. Most jobs build one:
 *
 * <pre>{@code
 * KafkaRecordSerializationSchema.builder()
 *     .setTopic("words")
 *     .setValueSerializationSchema(new SimpleStringSchema())
 *     .build();
 * }</pre>
 *
 * @param <T> the type of the records of the stream
 */
@FunctionalInterface
public interface KafkaRecordSerializationSchema<T> extends Serializable {
  /** Prepares the schema on its subtask (open the key and value schemas, say). */
  default void open(KafkaSinkContext context) throws Exception {}

  /**
   * The Kafka record for {@code element}; null writes nothing for it.
   *
   * @param timestamp the element's timestamp, or null if it has none
   */
  ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp);

  /** A builder of the usual schema: a topic (or a topic per record), key and value schemas, an optional partitioner. */
  static <T> KafkaRecordSerializationSchemaBuilder<T> builder() {
    return new KafkaRecordSerializationSchemaBuilder<>();
  }

  /** What a schema knows of its subtask and of the cluster. */
  interface KafkaSinkContext {
    /** The 0-based index of the writing subtask. */
    int getParallelInstanceId();

    /** The parallelism of the sink. */
    int getNumberOfParallelInstances();

    /** The ids of {@code topic}'s partitions, ascending (asked of the cluster once, then cached). */
    int[] getPartitionsForTopic(String topic);
  }
}
