package io.nagare.connectors.kafka.source.reader;

import io.nagare.connectors.kafka.source.split.KafkaPartitionSplit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Work the subtask thread hands the fetcher thread through the {@link FetchHandover}. */
sealed interface FetcherCommand {
  /** Start reading these partitions. */
  record AddSplits(List<FetcherSplit> splits) implements FetcherCommand {}

  /** Commit these offsets (the next offset to read per partition) to the consumer group. */
  record CommitOffsets(Map<TopicPartition, Long> offsets) implements FetcherCommand {}

  /** A partition for the fetcher: where to start, where to stop ({@code KafkaPartitionSplit.NO_STOPPING_OFFSET}: never), its metrics. */
  record FetcherSplit(TopicPartition partition, long startingOffset, long stoppingOffset, PartitionMetrics metrics) {
    @Override
    public String toString() {
      return partition + " from " + startingOffset
          + (stoppingOffset == KafkaPartitionSplit.NO_STOPPING_OFFSET ? ""
              : " to " + stoppingOffset);
    }
  }
}
