package io.nagare.connectors.kafka.source.enumerator.initializer;

import java.io.Serializable;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides the offset at which each partition starts (with {@code setStartingOffsets}) or stops
 * (with {@code setBounded}). The split enumerator calls it on its worker thread when it discovers
 * partitions, and the offsets it returns are put into the splits as they are: a split never carries
 * a marker such as "earliest", so a checkpoint always holds concrete offsets.
 *
 * <pre>{@code
 * KafkaSource.<String>builder()
 *     .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
 *     .setBounded(OffsetsInitializer.latest())
 *     ...
 * }</pre>
 *
 * <p>Partitions discovered while a job runs, after the first discovery, start at their earliest
 * offset whatever the starting initializer, so nothing written to a new partition is skipped.
 */
public interface OffsetsInitializer extends Serializable {

  /**
   * The offset of each of {@code partitions}: the next offset to read (starting) or the first
   * offset not to read (stopping). Every partition must get an offset of at least 0.
   *
   * @param retriever looks offsets up on the cluster (blocking; bounded by {@code default.api.timeout.ms})
   */
  Map<TopicPartition, Long> getPartitionOffsets(Collection<TopicPartition> partitions,
      PartitionOffsetsRetriever retriever);

  /** What the consumer does when a starting offset is out of range (its {@code auto.offset.reset}). */
  OffsetResetStrategy getAutoOffsetResetStrategy();

  /** Looks up offsets on the cluster, for {@link #getPartitionOffsets}. Methods block; failures are thrown. */
  interface PartitionOffsetsRetriever {
    /** The consumer group's committed offsets; partitions without one are left out. */
    Map<TopicPartition, Long> committedOffsets(Collection<TopicPartition> partitions);

    /** The end of each partition's log (the last stable offset under {@code isolation.level=read_committed}). */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

    /** The first offset still in each partition's log. */
    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

    /**
     * For each partition, the first record whose timestamp is at least the given one; partitions
     * with no such record are left out.
     */
    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch);
  }

  /** Each partition's first offset still in the log. */
  static OffsetsInitializer earliest() {
    return new EarliestOffsetsInitializer();
  }

  /** Each partition's end offset when the partition is discovered. */
  static OffsetsInitializer latest() {
    return new LatestOffsetsInitializer();
  }

  /** The group's committed offsets; a partition without one fails the source (needs {@code setGroupId}). */
  static OffsetsInitializer committedOffsets() {
    return committedOffsets(OffsetResetStrategy.NONE);
  }

  /** The group's committed offsets; a partition without one starts where {@code resetStrategy} says. */
  static OffsetsInitializer committedOffsets(OffsetResetStrategy resetStrategy) {
    return new CommittedOffsetsInitializer(resetStrategy);
  }

  /**
   * The first record whose timestamp is at least {@code timestampMillis}; a partition without such a
   * record starts (or stops) at its end.
   */
  static OffsetsInitializer timestamp(long timestampMillis) {
    return new TimestampOffsetsInitializer(timestampMillis);
  }

  /** The given offsets; partitions not in the map start at their earliest offset. */
  static OffsetsInitializer offsets(Map<TopicPartition, Long> offsets) {
    return offsets(offsets, OffsetResetStrategy.EARLIEST);
  }

  /** The given offsets; partitions not in the map start where {@code resetStrategy} says. */
  static OffsetsInitializer offsets(Map<TopicPartition, Long> offsets, OffsetResetStrategy resetStrategy) {
    return new SpecifiedOffsetsInitializer(offsets, resetStrategy);
  }
}
