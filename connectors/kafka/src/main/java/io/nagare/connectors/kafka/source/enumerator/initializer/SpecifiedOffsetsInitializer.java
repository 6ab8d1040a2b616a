package io.nagare.connectors.kafka.source.enumerator.initializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/** {@link OffsetsInitializer#offsets(Map, OffsetResetStrategy)}. */
final class SpecifiedOffsetsInitializer implements OffsetsInitializer {
  private static final long serialVersionUID = 1L;

  private final HashMap<TopicPartition, Long> offsets;
  private final OffsetResetStrategy resetStrategy;

  SpecifiedOffsetsInitializer(Map<TopicPartition, Long> offsets, OffsetResetStrategy resetStrategy) {
    this.offsets = new HashMap<>(Objects.requireNonNull(offsets, "offsets"));
    this.resetStrategy = Objects.requireNonNull(resetStrategy, "resetStrategy");
    this.offsets.forEach((tp, offset) -> {
      if (offset == null || offset < 0) {
        throw new IllegalArgumentException("The offset given for " + tp + " must be at least 0, not " + offset);
      }
    });
  }

  @Override
  public Map<TopicPartition, Long> getPartitionOffsets(Collection<TopicPartition> partitions,
      PartitionOffsetsRetriever retriever) {
    Map<TopicPartition, Long> result = new HashMap<>();
    List<TopicPartition> without = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      Long offset = offsets.get(tp);
      if (offset == null) {
        without.add(tp);
      } else {
        result.put(tp, offset);
      }
    }
    result.putAll(reset(without, resetStrategy, retriever, "has no offset in the map given to offsets(...)"));
    return result;
  }

  /** The offsets {@code strategy} gives {@code partitions}; NONE fails naming the first partition. */
  static Map<TopicPartition, Long> reset(List<TopicPartition> partitions, OffsetResetStrategy strategy,
      PartitionOffsetsRetriever retriever, String why) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    switch (strategy) {
      case EARLIEST:
        return retriever.beginningOffsets(partitions);
      case LATEST:
        return retriever.endOffsets(partitions);
      default:
        throw new IllegalStateException("Partition " + partitions.get(0) + " " + why
            + " and the offset reset strategy is NONE");
    }
  }

  @Override
  public OffsetResetStrategy getAutoOffsetResetStrategy() {
    return resetStrategy;
  }

  @Override
  public String toString() {
    return "offsets " + offsets + " (else " + resetStrategy.consumerValue() + ")";
  }
}
