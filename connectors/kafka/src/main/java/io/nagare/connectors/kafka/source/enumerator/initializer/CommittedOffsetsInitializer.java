package io.nagare.connectors.kafka.source.enumerator.initializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.TopicPartition;

/** {@link OffsetsInitializer#committedOffsets(OffsetResetStrategy)}. */
final class CommittedOffsetsInitializer implements OffsetsInitializer, OffsetsInitializerValidator {
  private static final long serialVersionUID = 1L;

  private final OffsetResetStrategy resetStrategy;

  CommittedOffsetsInitializer(OffsetResetStrategy resetStrategy) {
    this.resetStrategy = Objects.requireNonNull(resetStrategy, "resetStrategy");
  }

  @Override
  public Map<TopicPartition, Long> getPartitionOffsets(Collection<TopicPartition> partitions,
      PartitionOffsetsRetriever retriever) {
    Map<TopicPartition, Long> offsets = new HashMap<>(retriever.committedOffsets(partitions));
    List<TopicPartition> without = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      if (offsets.get(tp) == null) {
        without.add(tp);
      }
    }
    offsets.putAll(SpecifiedOffsetsInitializer.reset(without, resetStrategy, retriever,
        "has no committed offset in the consumer group"));
    offsets.keySet().retainAll(partitions);
    return offsets;
  }

  @Override
  public void validate(Properties sourceProperties) {
    String groupId = sourceProperties.getProperty("group.id");
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalStateException("Kafka source: OffsetsInitializer.committedOffsets() needs a consumer group:"
          + " setGroupId(...)");
    }
  }

  @Override
  public OffsetResetStrategy getAutoOffsetResetStrategy() {
    return resetStrategy;
  }

  @Override
  public String toString() {
    return "committed offsets (else " + resetStrategy.consumerValue() + ")";
  }
}
