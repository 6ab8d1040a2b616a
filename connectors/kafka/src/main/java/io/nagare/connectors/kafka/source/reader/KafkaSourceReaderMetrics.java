package io.nagare.connectors.kafka.source.reader;

import io.nagare.api.metrics.Counter;
import io.nagare.api.metrics.Gauge;
import io.nagare.api.metrics.MetricGroup;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * A reader's metrics, in the group {@code KafkaSourceReader} of its subtask:
 *
 * <ul>
 *   <li>{@code recordsConsumed}, {@code bytesConsumed} (key and value bytes): Kafka records taken
 *       from the fetcher, malformed ones included;
 *   <li>{@code recordsSkipped}, {@code recordsDeadLettered}: malformed records by policy;
 *   <li>{@code commitsSucceeded}, {@code commitsFailed}: offset commits after checkpoints;
 *   <li>{@code topic.<topic>.partition.<p>.currentOffset} (next offset to emit), {@code
 *       .committedOffset} and {@code .lag} (records between what was emitted and the end of the log);
 *       {@code topic} and {@code partition} are variables, so Prometheus shows one {@code
 *       …_KafkaSourceReader_topic_partition_lag} with {@code topic} and {@code partition} labels.
 * </ul>
 *
 * <p>Counters are changed by the subtask thread only; the commit counts by the fetcher thread
 * (atomics behind gauges); partition gauges read {@link PartitionMetrics}.
 */
final class KafkaSourceReaderMetrics {
  static final String GROUP = "KafkaSourceReader";

  private final MetricGroup group;
  final Counter recordsConsumed;
  final Counter bytesConsumed;
  final Counter recordsSkipped;
  final Counter recordsDeadLettered;
  final AtomicLong commitsSucceeded = new AtomicLong();
  final AtomicLong commitsFailed = new AtomicLong();
  /** Subtask thread only. */
  private final Map<TopicPartition, PartitionMetrics> partitions = new HashMap<>();

  KafkaSourceReaderMetrics(MetricGroup parent) {
    this.group = parent.addGroup(GROUP);
    this.recordsConsumed = group.counter("recordsConsumed");
    this.bytesConsumed = group.counter("bytesConsumed");
    this.recordsSkipped = group.counter("recordsSkipped");
    this.recordsDeadLettered = group.counter("recordsDeadLettered");
    group.gauge("commitsSucceeded", (Gauge<Long>) commitsSucceeded::get);
    group.gauge("commitsFailed", (Gauge<Long>) commitsFailed::get);
  }

  /** The metrics of {@code tp}, registered on first use. */
  PartitionMetrics partition(TopicPartition tp) {
    return partitions.computeIfAbsent(tp, p -> {
      PartitionMetrics m = new PartitionMetrics();
      MetricGroup g = group.addGroup("topic", p.topic()).addGroup("partition", String.valueOf(p.partition()));
      g.gauge("currentOffset", (Gauge<Long>) () -> m.currentOffset);
      g.gauge("committedOffset", (Gauge<Long>) () -> m.committedOffset);
      g.gauge("lag", (Gauge<Long>) m::lag);
      return m;
    });
  }
}
