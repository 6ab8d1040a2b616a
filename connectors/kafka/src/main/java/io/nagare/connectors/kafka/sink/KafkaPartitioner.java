package io.nagare.connectors.kafka.sink;

import java.io.Serializable;

/**
 * Chooses the partition of each record, when Kafka's own choice (by key hash, or sticky for
 * records without a key) is not wanted. Serialised with the job; {@link #open} runs once per
 * subtask before the first record.
 *
 * <pre>{@code
 * // all records of subtask i go to one partition
 * KafkaPartitioner<String> fixed = (record, key, value, topic, partitions) -> partitions[0];
 * }</pre>
 *
 * @param <T> the type of the records
 */
@FunctionalInterface
public interface KafkaPartitioner<T> extends Serializable {
  /** Called once per subtask before the first record. */
  default void open(int parallelInstanceId, int parallelInstances) {}

  /**
   * The partition of {@code record}, one of {@code partitions} (the ids of {@code targetTopic}'s
   * partitions, ascending).
   */
  int partition(T record, byte[] key, byte[] value, String targetTopic, int[] partitions);
}
