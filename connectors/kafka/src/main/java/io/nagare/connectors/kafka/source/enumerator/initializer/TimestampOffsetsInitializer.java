package io.nagare.connectors.kafka.source.enumerator.initializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/** {@link OffsetsInitializer#timestamp(long)}. */
final class TimestampOffsetsInitializer implements OffsetsInitializer {
  private static final long serialVersionUID = 1L;

  private final long timestampMillis;

  TimestampOffsetsInitializer(long timestampMillis) {
    if (timestampMillis < 0) {
      throw new IllegalArgumentException("The timestamp to start or stop at must be at least 0, not "
          + timestampMillis);
    }
    this.timestampMillis = timestampMillis;
  }

  @Override
  public Map<TopicPartition, Long> getPartitionOffsets(Collection<TopicPartition> partitions,
      PartitionOffsetsRetriever retriever) {
    Map<TopicPartition, Long> search = new HashMap<>();
    for (TopicPartition tp : partitions) {
      search.put(tp, timestampMillis);
    }
    Map<TopicPartition, OffsetAndTimestamp> found = retriever.offsetsForTimes(search);
    Map<TopicPartition, Long> offsets = new HashMap<>();
    List<TopicPartition> after = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      if (at == null) {
        after.add(tp);
      } else {
        offsets.put(tp, at.offset());
      }
    }
    if (!after.isEmpty()) {
      offsets.putAll(retriever.endOffsets(after));
    }
    return offsets;
  }

  @Override
  public OffsetResetStrategy getAutoOffsetResetStrategy() {
    return OffsetResetStrategy.LATEST;
  }

  @Override
  public String toString() {
    return "timestamp " + timestampMillis;
  }
}
