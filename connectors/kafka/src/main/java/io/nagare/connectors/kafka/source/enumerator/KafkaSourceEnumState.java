package io.nagare.connectors.kafka.source.enumerator;

import io.nagare.connectors.kafka.source.split.KafkaPartitionSplit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The split enumerator's checkpoint: the partitions already handed to a reader (their positions
 * live in the readers' checkpoints, so they are never handed out again), the splits discovered but
 * not yet handed out (with their resolved offsets), and whether the first discovery has run (later
 * discoveries start new partitions at their earliest offset). Immutable.
 */
public final class KafkaSourceEnumState {
  private final Set<TopicPartition> assignedPartitions;
  private final List<KafkaPartitionSplit> unassignedSplits;
  private final boolean initialDiscoveryFinished;

  public KafkaSourceEnumState(Set<TopicPartition> assignedPartitions, List<KafkaPartitionSplit> unassignedSplits,
      boolean initialDiscoveryFinished) {
    this.assignedPartitions = Set.copyOf(assignedPartitions);
    this.unassignedSplits = List.copyOf(unassignedSplits);
    this.initialDiscoveryFinished = initialDiscoveryFinished;
  }

  public Set<TopicPartition> assignedPartitions() {
    return assignedPartitions;
  }

  public List<KafkaPartitionSplit> unassignedSplits() {
    return unassignedSplits;
  }

  public boolean initialDiscoveryFinished() {
    return initialDiscoveryFinished;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KafkaSourceEnumState)) {
      return false;
    }
    KafkaSourceEnumState other = (KafkaSourceEnumState) o;
    return assignedPartitions.equals(other.assignedPartitions) && unassignedSplits.equals(other.unassignedSplits)
        && initialDiscoveryFinished == other.initialDiscoveryFinished;
  }

  @Override
  public int hashCode() {
    return Objects.hash(assignedPartitions, unassignedSplits, initialDiscoveryFinished);
  }

  @Override
  public String toString() {
    return "KafkaSourceEnumState{assigned=" + assignedPartitions + ", unassigned=" + unassignedSplits
        + ", initialDiscoveryFinished=" + initialDiscoveryFinished + "}";
  }
}
