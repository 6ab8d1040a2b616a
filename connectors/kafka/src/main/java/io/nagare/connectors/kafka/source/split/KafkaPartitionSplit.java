package io.nagare.connectors.kafka.source.split;

import io.nagare.api.source.SourceSplit;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * One Kafka partition as a split: the partition, the offset of the next record to read, and, for
 * a bounded read, the offset to stop before. Immutable: a reader's snapshot creates a new split at
 * its current position.
 *
 * <p>Offsets are always concrete (never markers such as "earliest"): the enumerator resolves the
 * starting and stopping offsets before it hands a split out, so a split in a checkpoint says exactly
 * where the partition resumes.
 *
 * <pre>{@code
 * KafkaPartitionSplit split = new KafkaPartitionSplit(new TopicPartition("orders", 2), 40, 100);
 * split.splitId();  // "orders-2"
 * }</pre>
 */
public final class KafkaPartitionSplit implements SourceSplit {
  /** The stopping offset of a split that is read without end. */
  public static final long NO_STOPPING_OFFSET = Long.MIN_VALUE;

  private final TopicPartition partition;
  private final long startingOffset;
  private final long stoppingOffset;

  /** An unbounded split starting at {@code startingOffset}. */
  public KafkaPartitionSplit(TopicPartition partition, long startingOffset) {
    this(partition, startingOffset, NO_STOPPING_OFFSET);
  }

  /**
   * @param startingOffset the offset of the next record to read, at least 0
   * @param stoppingOffset the first offset not to read (exclusive), or {@link #NO_STOPPING_OFFSET}
   */
  public KafkaPartitionSplit(TopicPartition partition, long startingOffset, long stoppingOffset) {
    this.partition = Objects.requireNonNull(partition, "partition");
    if (startingOffset < 0) {
      throw new IllegalArgumentException("The starting offset of " + partition + " must be at least 0, not "
          + startingOffset);
    }
    if (stoppingOffset < 0 && stoppingOffset != NO_STOPPING_OFFSET) {
      throw new IllegalArgumentException("The stopping offset of " + partition + " must be at least 0, not "
          + stoppingOffset);
    }
    this.startingOffset = startingOffset;
    this.stoppingOffset = stoppingOffset;
  }

  /** {@code <topic>-<partition>}, as Kafka names a partition. */
  public static String splitId(TopicPartition partition) {
    return partition.toString();
  }

  @Override
  public String splitId() {
    return splitId(partition);
  }

  public TopicPartition getTopicPartition() {
    return partition;
  }

  public String getTopic() {
    return partition.topic();
  }

  public int getPartition() {
    return partition.partition();
  }

  public long getStartingOffset() {
    return startingOffset;
  }

  public long getStoppingOffset() {
    return stoppingOffset;
  }

  public boolean isBounded() {
    return stoppingOffset != NO_STOPPING_OFFSET;
  }

  /** True when a bounded split has nothing left to read. */
  public boolean isFinished() {
    return isBounded() && startingOffset >= stoppingOffset;
  }

  /** This split resuming at {@code offset}. */
  public KafkaPartitionSplit withStartingOffset(long offset) {
    return new KafkaPartitionSplit(partition, offset, stoppingOffset);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KafkaPartitionSplit)) {
      return false;
    }
    KafkaPartitionSplit other = (KafkaPartitionSplit) o;
    return partition.equals(other.partition) && startingOffset == other.startingOffset
        && stoppingOffset == other.stoppingOffset;
  }

  @Override
  public int hashCode() {
    return Objects.hash(partition, startingOffset, stoppingOffset);
  }

  @Override
  public String toString() {
    return "KafkaPartitionSplit{" + partition + " from " + startingOffset
        + (isBounded() ? " to " + stoppingOffset : "") + "}";
  }
}
