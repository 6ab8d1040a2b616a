package io.nagare.connectors.kafka.source.reader;

/**
 * The offsets of one partition for its gauges ({@code currentOffset}, {@code committedOffset},
 * {@code lag}). {@code currentOffset} is written by the subtask thread as records are emitted, the
 * other two by the fetcher thread; reporters read all three from their own threads, so they are
 * volatile. -1 means not known yet.
 */
final class PartitionMetrics {
  /** The next offset to emit (owned by the subtask thread). */
  volatile long currentOffset = -1;
  /** The last offset committed to the group (owned by the fetcher thread). */
  volatile long committedOffset = -1;
  /** The end of the partition's log as the consumer last saw it (owned by the fetcher thread). */
  volatile long logEndOffset = -1;

  /** Records between what was emitted and the end of the log; -1 while either is unknown. */
  long lag() {
    long end = logEndOffset;
    long current = currentOffset;
    return end < 0 || current < 0 ? -1 : Math.max(0, end - current);
  }
}
