package io.nagare.connectors.kafka.sink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.PartitionInfo;

/**
 * The {@link KafkaRecordSerializationSchema.KafkaSinkContext} of one writer: partitions are asked
 * of the cluster once per topic and kept for five minutes, so partitions added to a topic are used
 * within that time. Used on the subtask's thread only.
 */
final class SinkContext implements KafkaRecordSerializationSchema.KafkaSinkContext {
  private static final long PARTITIONS_MAX_AGE_NANOS = 5L * 60 * 1_000_000_000;

  private final int subtask;
  private final int parallelism;
  private final Function<String, List<PartitionInfo>> partitionsFor;
  private final Map<String, Cached> partitions = new HashMap<>();

  private record Cached(int[] ids, long fetchedAt) {}

  SinkContext(int subtask, int parallelism, Function<String, List<PartitionInfo>> partitionsFor) {
    this.subtask = subtask;
    this.parallelism = parallelism;
    this.partitionsFor = partitionsFor;
  }

  @Override
  public int getParallelInstanceId() {
    return subtask;
  }

  @Override
  public int getNumberOfParallelInstances() {
    return parallelism;
  }

  @Override
  public int[] getPartitionsForTopic(String topic) {
    long now = System.nanoTime();
    Cached cached = partitions.get(topic);
    if (cached == null || now - cached.fetchedAt > PARTITIONS_MAX_AGE_NANOS) {
      int[] ids = partitionsFor.apply(topic).stream().mapToInt(PartitionInfo::partition).sorted().toArray();
      cached = new Cached(ids, now);
      partitions.put(topic, cached);
    }
    return cached.ids;
  }
}
