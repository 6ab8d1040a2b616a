package io.nagare.connectors.kafka.source.reader;

import io.nagare.connectors.kafka.source.KafkaSourceException;
import io.nagare.connectors.kafka.source.reader.FetcherCommand.AddSplits;
import io.nagare.connectors.kafka.source.reader.FetcherCommand.CommitOffsets;
import io.nagare.connectors.kafka.source.reader.FetcherCommand.FetcherSplit;
import io.nagare.connectors.kafka.source.split.KafkaPartitionSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetcher thread of one reader: owns the {@link Consumer} (partitions are {@code assign}ed,
 * never subscribed), polls it and hands each poll's records to the subtask thread through the
 * {@link FetchHandover}; takes split additions and offset commits from it as commands.
 *
 * <p>Every field is owned by the fetcher thread. A command may interrupt any blocking consumer call
 * with a {@link WakeupException}; the loop then simply starts its turn again, since nothing it has
 * not finished is forgotten: splits to add and offsets to commit stay in fields until done, and a
 * polled batch is kept until it is handed over. A bounded partition is dropped from the assignment
 * once its position reaches its stopping offset; its records at or past it are never handed over.
 *
 * <p>Any other consumer error (authorization, an offset out of range under {@code
 * auto.offset.reset=none}, a partition that cannot be reached within {@code default.api.timeout.ms}
 * when it is added) ends the fetcher and is handed to the subtask thread, naming the bootstrap
 * servers and the partitions.
 */
final class KafkaPartitionFetcher implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaPartitionFetcher.class);
  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final FetchHandover handover;
  private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
  private final String bootstrapServers;
  private final String groupId;
  private final Duration apiTimeout;
  private final KafkaSourceReaderMetrics metrics;

  private Consumer<byte[], byte[]> consumer;
  /** The partitions being read, in the order they were added. */
  private final Map<TopicPartition, FetcherSplit> active = new LinkedHashMap<>();
  private final Map<TopicPartition, PartitionMetrics> partitionMetrics = new HashMap<>();
  private final List<FetcherSplit> toAdd = new ArrayList<>();
  private Map<TopicPartition, Long> toCommit = new HashMap<>();
  /** Attempts made at the commit now in {@link #toCommit} after retriable failures; fetcher thread. */
  private int commitRetries;
  /** How often an asynchronous commit that failed retriably (the group coordinator moving, say) is tried again. */
  private static final int MAX_COMMIT_RETRIES = 3;
  private FetchedBatch pending;

  KafkaPartitionFetcher(FetchHandover handover, Supplier<Consumer<byte[], byte[]>> consumerFactory,
      String bootstrapServers, String groupId, Duration apiTimeout, KafkaSourceReaderMetrics metrics) {
    this.handover = handover;
    this.consumerFactory = consumerFactory;
    this.bootstrapServers = bootstrapServers;
    this.groupId = groupId;
    this.apiTimeout = apiTimeout;
    this.metrics = metrics;
  }

  @Override
  public void run() {
    try {
      try {
        consumer = consumerFactory.get();
      } catch (KafkaException e) {
        throw new KafkaSourceException("Kafka source cannot create a consumer for bootstrap servers '"
            + bootstrapServers + "': " + e.getMessage(), e);
      }
      handover.setFetcherWaker(consumer::wakeup);
      loop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      handover.fail(new KafkaSourceException("Kafka source: the fetcher thread for bootstrap servers '"
          + bootstrapServers + "' was interrupted", e));
    } catch (Throwable t) {
      handover.fail(describe(t));
    } finally {
      if (consumer != null) {
        try {
          consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
          LOG.warn("Kafka source: closing the consumer of bootstrap servers '{}' failed", bootstrapServers, e);
        }
      }
    }
  }

  private void loop() throws InterruptedException {
    while (true) {
      List<FetcherCommand> commands = handover.takeCommands();
      if (commands == null) {
        return;
      }
      for (FetcherCommand c : commands) {
        if (c instanceof AddSplits add) {
          toAdd.addAll(add.splits());
        } else if (c instanceof CommitOffsets commit) {
          toCommit.putAll(commit.offsets());
        }
      }
      try {
        if (!toAdd.isEmpty()) {
          addSplits();
        }
        if (!toCommit.isEmpty()) {
          commit();
        }
        if (pending != null && pending.isEmpty()) {
          pending = null;
        }
        if (pending != null) {
          if (!handover.put(pending)) {
            continue;
          }
          pending = null;
        }
        if (active.isEmpty()) {
          handover.awaitCommand();
          continue;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
        pending = collect(records);
        finishReachedSplits(pending);
        updateLag();
      } catch (WakeupException e) {
        // A command or the close arrived; the next turn takes it.
      }
    }
  }

  /** Assigns the partitions to add (with those being read), seeks them, and checks the cluster serves them. */
  private void addSplits() {
    List<TopicPartition> assignment = new ArrayList<>(active.keySet());
    for (FetcherSplit s : toAdd) {
      assignment.add(s.partition());
    }
    consumer.assign(assignment);
    List<TopicPartition> added = new ArrayList<>();
    for (FetcherSplit s : toAdd) {
      consumer.seek(s.partition(), s.startingOffset());
      added.add(s.partition());
    }
    Map<TopicPartition, Long> beginnings;
    try {
      beginnings = consumer.beginningOffsets(added, apiTimeout);
    } catch (TimeoutException e) {
      throw new KafkaSourceException("Kafka source could not reach partitions " + added + " on the cluster at"
          + " bootstrap servers '" + bootstrapServers + "' within " + apiTimeout.toMillis()
          + " ms (default.api.timeout.ms): the cluster is unreachable or the topic does not exist: " + e.getMessage(), e);
    }
    for (FetcherSplit s : toAdd) {
      Long beginning = beginnings.get(s.partition());
      if (beginning != null && s.startingOffset() < beginning) {
        LOG.warn("Kafka source: offset {} of {} is no longer in the log, which starts at {}; the consumer's"
            + " auto.offset.reset decides where reading starts", s.startingOffset(), s.partition(), beginning);
      }
      active.put(s.partition(), s);
      partitionMetrics.put(s.partition(), s.metrics());
    }
    LOG.info("Kafka source started reading {} from bootstrap servers '{}'", toAdd, bootstrapServers);
    toAdd.clear();
  }

  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    toCommit.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
    if (active.isEmpty()) {
      try {
        consumer.commitSync(offsets, apiTimeout);
        onCommitted(offsets, null);
      } catch (WakeupException e) {
        throw e;
      } catch (KafkaException e) {
        onCommitted(offsets, e);
      }
    } else {
      consumer.commitAsync(offsets, (committed, e) -> onCommitted(offsets, e));
    }
    toCommit = new HashMap<>();
  }

  /**
   * On the fetcher thread (commit callbacks run inside the consumer's calls). The committed offsets
   * are published before the count, so whoever sees a commit counted sees its offsets.
   */
  private void onCommitted(Map<TopicPartition, OffsetAndMetadata> offsets, Exception error) {
    if (error == null) {
      offsets.forEach((tp, om) -> {
        PartitionMetrics m = partitionMetrics.get(tp);
        if (m != null) {
          m.committedOffset = om.offset();
        }
      });
      metrics.commitsSucceeded.incrementAndGet();
    } else if (error instanceof org.apache.kafka.clients.consumer.RetriableCommitFailedException
        && commitRetries < MAX_COMMIT_RETRIES && toCommit.isEmpty()) {
      commitRetries++;
      LOG.debug("Kafka source commits offsets {} again after a retriable failure: {}", offsets, error.toString());
      offsets.forEach((tp, om) -> toCommit.put(tp, om.offset()));
    } else {
      metrics.commitsFailed.incrementAndGet();
      LOG.warn("Kafka source could not commit offsets {} to consumer group '{}' at bootstrap servers '{}': {}. The"
          + " checkpoint is complete all the same: committed offsets only show progress, and the next checkpoint"
          + " commits again", offsets, groupId, bootstrapServers, error.toString());
    }
    if (error == null || toCommit.isEmpty()) {
      commitRetries = 0;
    }
  }

  /** The records to hand over: all of unbounded partitions, those before the stopping offset of bounded ones. */
  private FetchedBatch collect(ConsumerRecords<byte[], byte[]> records) {
    List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
    for (TopicPartition tp : records.partitions()) {
      FetcherSplit split = active.get(tp);
      if (split == null) {
        continue;
      }
      for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
        if (split.stoppingOffset() != KafkaPartitionSplit.NO_STOPPING_OFFSET && r.offset() >= split.stoppingOffset()) {
          break;
        }
        list.add(r);
      }
    }
    return new FetchedBatch(list);
  }

  /** Drops bounded partitions whose position reached the stopping offset, noting them in {@code batch}. */
  private void finishReachedSplits(FetchedBatch batch) {
    boolean changed = false;
    for (FetcherSplit split : new ArrayList<>(active.values())) {
      if (split.stoppingOffset() != KafkaPartitionSplit.NO_STOPPING_OFFSET
          && consumer.position(split.partition()) >= split.stoppingOffset()) {
        active.remove(split.partition());
        batch.finished.add(split.partition());
        changed = true;
      }
    }
    if (changed) {
      consumer.assign(new ArrayList<>(active.keySet()));
    }
  }

  private void updateLag() {
    for (TopicPartition tp : active.keySet()) {
      OptionalLong lag = consumer.currentLag(tp);
      if (lag.isPresent()) {
        partitionMetrics.get(tp).logEndOffset = consumer.position(tp) + lag.getAsLong();
      }
    }
  }

  private Throwable describe(Throwable t) {
    if (t instanceof KafkaSourceException) {
      return t;
    }
    List<TopicPartition> partitions = new ArrayList<>(active.keySet());
    toAdd.forEach(split -> partitions.add(split.partition()));
    return new KafkaSourceException("Kafka source failed reading partitions " + partitions + " from the cluster"
        + " at bootstrap servers '" + bootstrapServers + "': " + t, t);
  }
}
