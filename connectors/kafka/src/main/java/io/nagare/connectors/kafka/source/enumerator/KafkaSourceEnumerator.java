package io.nagare.connectors.kafka.source.enumerator;

import io.nagare.api.source.SplitEnumerator;
import io.nagare.api.source.SplitEnumeratorContext;
import io.nagare.connectors.kafka.source.KafkaSourceException;
import io.nagare.connectors.kafka.source.enumerator.initializer.OffsetsInitializer;
import io.nagare.connectors.kafka.source.split.KafkaPartitionSplit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a Kafka source's partitions and hands each, as a {@link KafkaPartitionSplit}, to the reader
 * that owns it ({@link #ownerOf}: the partitions of a topic go round-robin over the subtasks from a
 * start that depends on the topic, so a partition always lands on the same subtask).
 *
 * <p>Discovery (listing partitions, resolving their starting and stopping offsets) blocks on the
 * cluster, so it runs on the source's worker thread through {@link SplitEnumeratorContext#callAsync};
 * its result comes back to the enumerator's thread, which owns every field here except {@code
 * metadata} (created and used by the worker thread, closed here after the worker stopped) and
 * {@code published} (an immutable copy of the known partitions that the worker reads). Unbounded
 * sources discover every {@code partition.discovery.interval.ms}; bounded ones once, and tell each
 * reader that it gets no more splits once all its partitions are handed to it.
 *
 * <p>Checkpoints: a split handed to a reader before a snapshot is in that reader's checkpoint; one
 * handed out after it is still unassigned in this enumerator's snapshot (the coordinator snapshots
 * the enumerator and triggers the readers in one step), so none is lost or read twice.
 */
public final class KafkaSourceEnumerator implements SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceEnumerator.class);
  private static final Comparator<TopicPartition> ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private final SplitEnumeratorContext<KafkaPartitionSplit> context;
  private final OffsetsInitializer startingOffsets;
  private final OffsetsInitializer stoppingOffsets;
  private final long discoveryIntervalMillis;
  private final Supplier<KafkaMetadataClient> metadataFactory;
  private final String description;

  private final Set<TopicPartition> assigned;
  private final Map<TopicPartition, KafkaPartitionSplit> unassigned = new TreeMap<>(ORDER);
  private final Set<Integer> toldNoMoreSplits = new HashSet<>();
  private boolean initialDiscoveryFinished;

  private volatile Known published;
  private volatile KafkaMetadataClient metadata;

  /** What the worker may read: the partitions known to the enumerator and whether the first discovery ran. */
  private record Known(Set<TopicPartition> partitions, boolean initialDiscoveryFinished) {}

  /** What one discovery found: new partitions as splits, and whether they were resolved as the first discovery. */
  private record Discovery(List<KafkaPartitionSplit> splits, boolean initial) {}

  /**
   * @param stoppingOffsets null for an unbounded source
   * @param discoveryIntervalMillis 0 or less: discover once
   * @param restored the checkpoint to resume from, or null for a fresh start
   * @param description names the source in errors, e.g. {@code topics [orders] at bootstrap servers 'k1:9092'}
   */
  public KafkaSourceEnumerator(SplitEnumeratorContext<KafkaPartitionSplit> context, OffsetsInitializer startingOffsets,
      OffsetsInitializer stoppingOffsets, long discoveryIntervalMillis, Supplier<KafkaMetadataClient> metadataFactory,
      KafkaSourceEnumState restored, String description) {
    this.context = context;
    this.startingOffsets = startingOffsets;
    this.stoppingOffsets = stoppingOffsets;
    this.discoveryIntervalMillis = discoveryIntervalMillis;
    this.metadataFactory = metadataFactory;
    this.description = description;
    this.assigned = new HashSet<>();
    if (restored != null) {
      assigned.addAll(restored.assignedPartitions());
      for (KafkaPartitionSplit split : restored.unassignedSplits()) {
        unassigned.put(split.getTopicPartition(), split);
      }
      initialDiscoveryFinished = restored.initialDiscoveryFinished();
    }
    publish();
  }

  /** The subtask that reads {@code partition} at {@code parallelism}. */
  public static int ownerOf(TopicPartition partition, int parallelism) {
    int start = ((partition.topic().hashCode() * 31) & 0x7FFFFFFF) % parallelism;
    return (start + partition.partition()) % parallelism;
  }

  @Override
  public void start() {
    if (discoveryIntervalMillis > 0) {
      context.callAsync(this::discover, this::onDiscovery, 0, discoveryIntervalMillis);
    } else if (!initialDiscoveryFinished) {
      context.callAsync(this::discover, this::onDiscovery);
    }
  }

  @Override
  public void handleSplitRequest(int subtask) {}

  @Override
  public void addSplitsBack(List<KafkaPartitionSplit> splits, int subtask) {
    for (KafkaPartitionSplit split : splits) {
      assigned.remove(split.getTopicPartition());
      unassigned.put(split.getTopicPartition(), split);
    }
    toldNoMoreSplits.remove(subtask);
    publish();
    assignUnassigned();
  }

  @Override
  public void addReader(int subtask) {
    assignUnassigned();
  }

  @Override
  public KafkaSourceEnumState snapshotState(long checkpointId) {
    return new KafkaSourceEnumState(assigned, new ArrayList<>(unassigned.values()), initialDiscoveryFinished);
  }

  @Override
  public void close() {
    KafkaMetadataClient m = metadata;
    if (m != null) {
      metadata = null;
      m.close();
    }
  }

  /** On the worker thread: the partitions not known yet, with resolved offsets. */
  private Discovery discover() {
    Known known = published;
    KafkaMetadataClient client = metadata;
    if (client == null) {
      client = metadataFactory.get();
      metadata = client;
    }
    List<TopicPartition> fresh = new ArrayList<>();
    for (TopicPartition tp : client.subscribedPartitions()) {
      if (!known.partitions().contains(tp)) {
        fresh.add(tp);
      }
    }
    boolean initial = !known.initialDiscoveryFinished();
    if (fresh.isEmpty()) {
      return new Discovery(List.of(), initial);
    }
    fresh.sort(ORDER);
    OffsetsInitializer starting = initial ? startingOffsets : OffsetsInitializer.earliest();
    OffsetsInitializer.PartitionOffsetsRetriever retriever = client.offsetsRetriever();
    Map<TopicPartition, Long> start = resolve(starting, fresh, retriever, "starting");
    Map<TopicPartition, Long> stop = stoppingOffsets == null ? null : resolve(stoppingOffsets, fresh, retriever,
        "stopping");
    List<KafkaPartitionSplit> splits = new ArrayList<>();
    for (TopicPartition tp : fresh) {
      splits.add(new KafkaPartitionSplit(tp, start.get(tp), stop == null ? KafkaPartitionSplit.NO_STOPPING_OFFSET
          : stop.get(tp)));
    }
    return new Discovery(splits, initial);
  }

  private Map<TopicPartition, Long> resolve(OffsetsInitializer initializer, List<TopicPartition> partitions,
      OffsetsInitializer.PartitionOffsetsRetriever retriever, String which) {
    Map<TopicPartition, Long> offsets;
    try {
      offsets = initializer.getPartitionOffsets(partitions, retriever);
    } catch (KafkaSourceException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KafkaSourceException("Kafka source (" + description + "): the " + which + " offsets (" + initializer
          + ") could not be resolved: " + e.getMessage(), e);
    }
    for (TopicPartition tp : partitions) {
      Long offset = offsets.get(tp);
      if (offset == null || offset < 0) {
        throw new KafkaSourceException("Kafka source (" + description + "): the " + which + " offsets (" + initializer
            + ") gave " + tp + " " + (offset == null ? "no offset" : "offset " + offset)
            + "; every partition needs an offset of at least 0");
      }
    }
    return offsets;
  }

  /** On the enumerator's thread: takes in what a discovery found, or fails the job with its error. */
  private void onDiscovery(Discovery discovery, Throwable error) {
    if (error != null) {
      if (error instanceof KafkaSourceException) {
        throw (KafkaSourceException) error;
      }
      throw new KafkaSourceException("Kafka source (" + description + ") failed to discover partitions: " + error,
          error);
    }
    if (discovery.initial() && initialDiscoveryFinished) {
      // Resolved with the starting offsets by a run that overlapped the first one's hand-back; the
      // next discovery starts these partitions at their earliest offset instead.
      return;
    }
    int added = 0;
    for (KafkaPartitionSplit split : discovery.splits()) {
      TopicPartition tp = split.getTopicPartition();
      if (!assigned.contains(tp) && !unassigned.containsKey(tp)) {
        unassigned.put(tp, split);
        added++;
      }
    }
    if (added > 0) {
      LOG.info("Kafka source ({}) discovered {} new partition(s): {}", description, added, discovery.splits());
    } else if (!initialDiscoveryFinished) {
      LOG.info("Kafka source ({}) found no partitions to read", description);
    }
    initialDiscoveryFinished = true;
    publish();
    assignUnassigned();
  }

  /** Hands every unassigned split whose owner has registered to it; in a bounded source, then says "no more". */
  private void assignUnassigned() {
    Set<Integer> readers = context.registeredReaders();
    int parallelism = context.currentParallelism();
    Iterator<KafkaPartitionSplit> it = unassigned.values().iterator();
    while (it.hasNext()) {
      KafkaPartitionSplit split = it.next();
      int owner = ownerOf(split.getTopicPartition(), parallelism);
      if (readers.contains(owner)) {
        context.assignSplit(split, owner);
        assigned.add(split.getTopicPartition());
        it.remove();
      }
    }
    if (stoppingOffsets != null && initialDiscoveryFinished) {
      for (int reader : readers) {
        if (!toldNoMoreSplits.contains(reader) && !ownsUnassigned(reader, parallelism)) {
          toldNoMoreSplits.add(reader);
          context.signalNoMoreSplits(reader);
        }
      }
    }
  }

  private boolean ownsUnassigned(int reader, int parallelism) {
    for (TopicPartition tp : unassigned.keySet()) {
      if (ownerOf(tp, parallelism) == reader) {
        return true;
      }
    }
    return false;
  }

  private void publish() {
    Set<TopicPartition> known = new HashSet<>(assigned);
    known.addAll(unassigned.keySet());
    published = new Known(Set.copyOf(known), initialDiscoveryFinished);
  }
}
