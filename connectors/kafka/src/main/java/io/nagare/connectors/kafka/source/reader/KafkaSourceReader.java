package io.nagare.connectors.kafka.source.reader;

import io.nagare.api.functions.Collector;
import io.nagare.api.source.InputStatus;
import io.nagare.api.source.ReaderOutput;
import io.nagare.api.source.SourceOutput;
import io.nagare.api.source.SourceReader;
import io.nagare.api.source.SourceReaderContext;
import io.nagare.connectors.kafka.security.KafkaTokenAuth;
import io.nagare.connectors.kafka.source.KafkaSourceException;
import io.nagare.connectors.kafka.source.reader.FetcherCommand.FetcherSplit;
import io.nagare.connectors.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import io.nagare.connectors.kafka.source.split.KafkaPartitionSplit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Kafka partitions assigned to one subtask. A fetcher thread ({@link
 * KafkaPartitionFetcher}) owns the consumer and hands polled records over through a bounded {@link
 * FetchHandover}; this reader deserialises and emits them on the subtask thread, a bounded number
 * per {@link #pollNext}, and never blocks.
 *
 * <p>Threads: every field is owned by the subtask thread (all {@link SourceReader} methods run on
 * it); the fetcher thread is reached only through the handover.
 *
 * <p>Positions: each split's position is the offset after the last record <em>emitted</em> (not
 * fetched), advanced as each Kafka record's output is emitted, so the splits {@link #snapshotState}
 * returns between two records are exactly where the checkpoint's records end. When a checkpoint
 * completes, its positions are committed to the consumer group (if there is one) for monitoring;
 * a failed commit is logged and counted, never fatal, since the checkpoint, not the group, is what
 * recovery uses (Flink's Kafka source behaves the same).
 *
 * <p>Watermarks: each partition emits through its own split output ({@link
 * ReaderOutput#createOutputForSplit}), so the watermark strategy (and {@code withIdleness}) runs per
 * partition; a finished bounded partition releases its output; a reader with no partition marks
 * itself idle. Records carry the Kafka record's timestamp.
 */
public final class KafkaSourceReader<T> implements SourceReader<T, KafkaPartitionSplit> {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceReader.class);
  /** Kafka records emitted per {@link #pollNext} call, so mails (checkpoints, splits) are not kept waiting. */
  static final int RECORDS_PER_POLL = 64;
  private static final int HANDOVER_CAPACITY = 2;

  private final SourceReaderContext context;
  private final KafkaRecordDeserializationSchema<T> deserializer;
  private final ReaderSettings settings;
  private final KafkaSourceReaderMetrics metrics;
  private final FetchHandover handover = new FetchHandover(HANDOVER_CAPACITY);
  private final MalformedRecords malformed;
  private final EmittingCollector<T> collector = new EmittingCollector<>();

  /** The unfinished splits, in the order they came. */
  private final Map<TopicPartition, SplitState> splits = new LinkedHashMap<>();
  /** Splits whose output is to be created at the next poll (outputs exist only inside pollNext). */
  private final List<SplitState> withoutOutput = new ArrayList<>();
  /** Positions of checkpoints not known to be complete yet, by checkpoint id. */
  private final TreeMap<Long, Map<TopicPartition, Long>> offsetsToCommit = new TreeMap<>();
  private Thread fetcherThread;
  private FetchedBatch batch;
  private int nextInBatch;
  /** The split of the record emitted last (a batch holds runs of records of one partition). */
  private SplitState current;
  private boolean noMoreSplits;
  private boolean idle;

  /** One split being read: where it is, and its output and metrics. */
  private static final class SplitState {
    final KafkaPartitionSplit split;
    final String id;
    final PartitionMetrics metrics;
    long nextOffset;
    SourceOutput<?> output;

    SplitState(KafkaPartitionSplit split, PartitionMetrics metrics) {
      this.split = split;
      this.id = split.splitId();
      this.metrics = metrics;
      this.nextOffset = split.getStartingOffset();
      metrics.currentOffset = nextOffset;
    }
  }

  public KafkaSourceReader(SourceReaderContext context, KafkaRecordDeserializationSchema<T> deserializer,
      ReaderSettings settings) {
    this.context = context;
    this.deserializer = deserializer;
    this.settings = settings;
    this.metrics = new KafkaSourceReaderMetrics(context.metricGroup());
    Properties producer = new Properties();
    producer.putAll(settings.deadLetterProducerProperties());
    producer.put(ProducerConfig.CLIENT_ID_CONFIG, clientId("dead-letter"));
    this.malformed = new MalformedRecords(settings.policy(), producer, settings.bootstrapServers(), metrics);
  }

  private String clientId(String suffix) {
    return settings.clientIdPrefix() + "-" + context.getIndexOfSubtask() + (suffix.isEmpty() ? "" : "-" + suffix);
  }

  @Override
  public void start() {
    try {
      deserializer.open();
    } catch (Exception e) {
      throw new KafkaSourceException("Kafka source: the deserializer failed to open: " + e, e);
    }
    KafkaPartitionFetcher fetcher = new KafkaPartitionFetcher(handover, this::createConsumer,
        settings.bootstrapServers(), settings.groupId(), settings.apiTimeout(), metrics);
    fetcherThread = new Thread(fetcher, "nagare-kafka-fetcher " + settings.bootstrapServers() + " ("
        + (context.getIndexOfSubtask() + 1) + "/" + context.currentParallelism() + ")");
    fetcherThread.setDaemon(true);
    fetcherThread.start();
  }

  /** On the fetcher thread. */
  private KafkaConsumer<byte[], byte[]> createConsumer() {
    Properties props = new Properties();
    props.putAll(settings.consumerProperties());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(""));
    KafkaTokenAuth.apply(props);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void addSplits(List<KafkaPartitionSplit> added) {
    List<FetcherSplit> toFetch = new ArrayList<>();
    for (KafkaPartitionSplit split : added) {
      if (splits.containsKey(split.getTopicPartition())) {
        throw new IllegalStateException("Kafka source: " + split.getTopicPartition() + " was assigned twice to subtask "
            + context.getIndexOfSubtask());
      }
      if (split.isFinished()) {
        LOG.info("Kafka source: {} has nothing to read (starts at its stopping offset)", split);
        continue;
      }
      SplitState state = new SplitState(split, metrics.partition(split.getTopicPartition()));
      splits.put(split.getTopicPartition(), state);
      withoutOutput.add(state);
      toFetch.add(new FetcherSplit(split.getTopicPartition(), split.getStartingOffset(), split.getStoppingOffset(),
          state.metrics));
    }
    if (!toFetch.isEmpty()) {
      handover.command(new FetcherCommand.AddSplits(toFetch));
    }
    handover.wakeUpReader();
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    handover.wakeUpReader();
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) {
    for (SplitState s : withoutOutput) {
      s.output = output.createOutputForSplit(s.id);
      idle = false;
    }
    withoutOutput.clear();
    if (batch == null) {
      try {
        batch = handover.poll();
      } catch (FetchHandover.FetcherFailure e) {
        throw new KafkaSourceException(e.getMessage(), e.getCause());
      }
      nextInBatch = 0;
      if (batch == null) {
        if (splits.isEmpty()) {
          if (noMoreSplits) {
            return InputStatus.END_OF_INPUT;
          }
          if (!idle) {
            idle = true;
            output.markIdle();
          }
        }
        handover.expectNothing();
        return InputStatus.NOTHING_AVAILABLE;
      }
    }
    int end = Math.min(batch.records.size(), nextInBatch + RECORDS_PER_POLL);
    while (nextInBatch < end) {
      emit(batch.records.get(nextInBatch++));
    }
    if (nextInBatch == batch.records.size()) {
      for (TopicPartition tp : batch.finished) {
        SplitState s = splits.remove(tp);
        current = null;
        if (s != null) {
          s.nextOffset = Math.max(s.nextOffset, s.split.getStoppingOffset());
          s.metrics.currentOffset = s.nextOffset;
          output.releaseOutputForSplit(s.id);
          LOG.info("Kafka source finished {} at its stopping offset {}", tp, s.split.getStoppingOffset());
        }
      }
      batch = null;
    }
    return splits.isEmpty() && noMoreSplits && batch == null ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
  }

  @SuppressWarnings("unchecked")
  private void emit(ConsumerRecord<byte[], byte[]> record) {
    SplitState s = current;
    if (s == null || s.split.getPartition() != record.partition() || !s.split.getTopic().equals(record.topic())) {
      s = splits.get(new TopicPartition(record.topic(), record.partition()));
      if (s == null) {
        throw new IllegalStateException("Kafka source: the fetcher handed over a record of " + record.topic() + "-"
            + record.partition() + ", which subtask " + context.getIndexOfSubtask() + " does not read");
      }
      current = s;
    }
    if (record.offset() < s.nextOffset) {
      return; // emitted already: positions only move forward
    }
    metrics.recordsConsumed.inc();
    metrics.bytesConsumed.inc(Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize()));
    collector.output = (SourceOutput<T>) s.output;
    collector.timestamp = record.timestamp();
    try {
      deserializer.deserialize(record, collector);
    } catch (ChainFailure e) {
      throw e.failure;
    } catch (Exception e) {
      malformed.handle(record, e);
    }
    s.nextOffset = record.offset() + 1;
    s.metrics.currentOffset = s.nextOffset;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return handover.available();
  }

  @Override
  public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
    List<KafkaPartitionSplit> snapshot = new ArrayList<>(splits.size());
    Map<TopicPartition, Long> positions = new HashMap<>();
    for (SplitState s : splits.values()) {
      snapshot.add(s.split.withStartingOffset(s.nextOffset));
      positions.put(s.split.getTopicPartition(), s.nextOffset);
    }
    if (commits() && !positions.isEmpty()) {
      offsetsToCommit.put(checkpointId, positions);
    }
    return snapshot;
  }

  /**
   * Commits the positions of the newest snapshot taken for a checkpoint up to {@code checkpointId}
   * (older pending ones are superseded and dropped).
   */
  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    if (!commits()) {
      return;
    }
    Map.Entry<Long, Map<TopicPartition, Long>> newest = offsetsToCommit.floorEntry(checkpointId);
    if (newest != null) {
      offsetsToCommit.headMap(checkpointId, true).clear();
      handover.command(new FetcherCommand.CommitOffsets(newest.getValue()));
    }
  }

  private boolean commits() {
    return settings.commitOffsetsOnCheckpoint() && settings.groupId() != null;
  }

  @Override
  public void close() throws Exception {
    handover.close();
    try {
      if (fetcherThread != null) {
        fetcherThread.join();
      }
    } finally {
      malformed.close();
    }
  }

  /**
   * Emits a Kafka record's outputs with its timestamp, through its split's output. A failure of the
   * operators downstream is wrapped, so it is not taken for a malformed record. Subtask thread only.
   */
  private static final class EmittingCollector<T> implements Collector<T> {
    SourceOutput<T> output;
    long timestamp;

    @Override
    public void collect(T record) {
      try {
        if (timestamp >= 0) {
          output.collect(record, timestamp);
        } else {
          output.collect(record);
        }
      } catch (RuntimeException e) {
        throw new ChainFailure(e);
      }
    }
  }

  /** A failure downstream of the source, carried through the deserializer unchanged. */
  private static final class ChainFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final RuntimeException failure;

    ChainFailure(RuntimeException failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }
}
