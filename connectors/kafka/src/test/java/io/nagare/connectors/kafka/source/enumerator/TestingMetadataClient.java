package io.nagare.connectors.kafka.source.enumerator;

import io.nagare.connectors.kafka.source.KafkaSourceException;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/** A cluster for enumerator tests: partitions with settable beginning and end offsets, or a failure. */
final class TestingMetadataClient implements KafkaMetadataClient {
  final Set<TopicPartition> partitions = new HashSet<>();
  final Map<TopicPartition, Long> beginnings = new HashMap<>();
  final Map<TopicPartition, Long> ends = new HashMap<>();
  KafkaSourceException failure;
  int closed;

  void addPartition(TopicPartition tp, long beginning, long end) {
    partitions.add(tp);
    beginnings.put(tp, beginning);
    ends.put(tp, end);
  }

  @Override
  public Set<TopicPartition> subscribedPartitions() {
    if (failure != null) {
      throw failure;
    }
    return Set.copyOf(partitions);
  }

  @Override
  public OffsetsInitializer.PartitionOffsetsRetriever offsetsRetriever() {
    return new OffsetsInitializer.PartitionOffsetsRetriever() {
      @Override
      public Map<TopicPartition, Long> committedOffsets(Collection<TopicPartition> ps) {
        return Map.of();
      }

      @Override
      public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> ps) {
        return pick(ends, ps);
      }

      @Override
      public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> ps) {
        return pick(beginnings, ps);
      }

      @Override
      public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps) {
        return Map.of();
      }
    };
  }

  private static Map<TopicPartition, Long> pick(Map<TopicPartition, Long> offsets, Collection<TopicPartition> ps) {
    Map<TopicPartition, Long> picked = new HashMap<>();
    ps.forEach(tp -> picked.put(tp, offsets.get(tp)));
    return picked;
  }

  @Override
  public void close() {
    closed++;
  }
}
