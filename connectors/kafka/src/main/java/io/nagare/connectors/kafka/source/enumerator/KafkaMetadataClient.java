package io.nagare.connectors.kafka.source.enumerator;

import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What the split enumerator asks of the cluster: the subscribed partitions and their offsets. Used
 * only on the enumerator's worker thread (calls block); closed on the enumerator's thread once the
 * worker has stopped. Failures are {@link io.nagare.connectors.kafka.source.KafkaSourceException}s
 * whose messages name the bootstrap servers and the topics.
 */
public interface KafkaMetadataClient extends AutoCloseable {
  /** The partitions the source reads now. */
  Set<TopicPartition> subscribedPartitions();

  /** Offsets of partitions, for the {@link OffsetsInitializer}s. */
  OffsetsInitializer.PartitionOffsetsRetriever offsetsRetriever();

  @Override
  void close();
}
