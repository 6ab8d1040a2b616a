package io.nagare.runtime.timers;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.serialization.DataInputDeserializer;
import io.nagare.serialization.DataOutputViewStream;
import io.nagare.serialization.LongSerializer;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyGroupRangeAssignment;
import io.nagare.state.KeyGroupedStateReader;
import io.nagare.state.KeyGroupedStateWriter;
import io.nagare.state.KeyGroupedTimerStore;
import io.nagare.state.KeyedStateBackend;
import io.nagare.state.StateBlock;
import io.nagare.state.StateSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The timers of one keyed operator subtask: event-time timers fire, in timestamp order, when the
 * watermark reaches them; processing-time timers when the clock does. A timer is unique per (key,
 * namespace, timestamp). Only the earliest processing-time timer holds a wake-up with the {@link
 * ProcessingTimeService}, so thousands of timers cost one scheduled task. Before firing a timer its
 * key becomes the backend's current key.
 *
 * <p>Where the timers live is the backend's choice ({@link KeyedStateBackend#timerStore}): in the
 * backend's own storage ({@link StoredTimerQueue}; RocksDB by default), where they are snapshotted
 * with the keyed state, off the subtask's thread; or on the heap ({@link HeapTimerQueue}), where
 * {@link #snapshot} serialises them at each checkpoint. A heap service takes over timers a restore
 * put into the backend's storage ({@link KeyedStateBackend#takeRestoredTimers}); either restores
 * timers blocks ({@link #restore}).
 *
 * <p>Owned by the subtask's thread (the wake-up callback arrives there through the mailbox).
 */
public final class InternalTimerService<K, N> {
  private final KeyedStateBackend<K> backend;
  private final ProcessingTimeService clock;
  private final Triggerable<K, N> target;
  private final TimerQueue<K, N> processingTimers;
  private final TimerQueue<K, N> eventTimers;
  private ProcessingTimeService.ScheduledTimer wakeUp;
  private long wakeUpTime = Long.MAX_VALUE;
  private long currentWatermark = Long.MIN_VALUE;
  /** The last event-time timer registered, while still live (key not null): repeated registrations skip the queue. */
  private long lastEventTime;
  private K lastEventKey;
  private N lastEventNamespace;

  private final TypeSerializer<N> namespaceSerializer;
  /** The serializer snapshot written with the timers, taken at the first checkpoint. */
  private byte[] schema;

  public InternalTimerService(KeyedStateBackend<K> backend, ProcessingTimeService clock, Triggerable<K, N> target,
      TypeSerializer<N> namespaceSerializer) {
    this.backend = backend;
    this.clock = clock;
    this.target = target;
    this.namespaceSerializer = namespaceSerializer;
    KeyGroupedTimerStore events = backend.timerStore(KeyGroupedTimerStore.EVENT_TIME, namespaceSerializer);
    KeyGroupedTimerStore processing = events == null ? null
        : backend.timerStore(KeyGroupedTimerStore.PROCESSING_TIME, namespaceSerializer);
    if (events == null) {
      eventTimers = new HeapTimerQueue<>();
      processingTimers = new HeapTimerQueue<>();
      takeRestoredTimers(KeyGroupedTimerStore.EVENT_TIME, EVENT_TIME);
      takeRestoredTimers(KeyGroupedTimerStore.PROCESSING_TIME, PROCESSING_TIME);
    } else {
      eventTimers = new StoredTimerQueue<>(events, backend.getKeyGroupRange(), backend.getNumberOfKeyGroups(),
          backend.getKeySerializer(), namespaceSerializer);
      processingTimers = new StoredTimerQueue<>(processing, backend.getKeyGroupRange(), backend.getNumberOfKeyGroups(),
          backend.getKeySerializer(), namespaceSerializer);
      long next = processingTimers.peekTime();
      if (next != Long.MAX_VALUE) {
        scheduleWakeUp(next);
      }
    }
  }

  /** Whether the timers are in the backend's storage and snapshotted with its keyed state (no {@link #snapshot}). */
  public boolean isStoredWithKeyedState() {
    return eventTimers instanceof StoredTimerQueue;
  }

  /** Registers the timers of {@code domain} a restore left in the backend's storage. */
  private void takeRestoredTimers(String domain, byte tag) {
    K previous = backend.getCurrentKey();
    DataInputDeserializer in = new DataInputDeserializer();
    backend.takeRestoredTimers(domain, (timer, keyGroup) -> {
      byte[] bytes = timer.keyAndNamespace();
      in.setBuffer(bytes, 0, bytes.length);
      try {
        K key = backend.getKeySerializer().deserialize(in);
        N namespace = namespaceSerializer.deserialize(in);
        backend.setCurrentKey(key);
        register(tag, namespace, timer.timestamp());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read a restored " + domain + " timer", e);
      }
    });
    if (previous != null) {
      backend.setCurrentKey(previous);
    }
  }

  private void register(byte domain, N namespace, long time) {
    if (domain == EVENT_TIME) {
      registerEventTimeTimer(namespace, time);
    } else {
      registerProcessingTimeTimer(namespace, time);
    }
  }

  /**
   * Writes the live timers as a block of the key-grouped format ({@link KeyGroupedStateWriter}, so a
   * restore reads only its key groups' timers): a section {@code "event"} (tag 0) and a section
   * {@code "processing"} (tag 1) over the backend's key groups, each entry a long timestamp, the key
   * (the backend's key serializer) and the namespace; each section's serializer snapshot is a {@link
   * StateSchema} of the key, the namespace and the timestamp. Subtask thread; heap timers only.
   *
   * @throws IllegalStateException if the timers are stored with the keyed state
   */
  public void snapshot(DataOutputViewStream out) throws IOException {
    if (isStoredWithKeyedState()) {
      throw new IllegalStateException("Timers stored with the keyed state are snapshotted with it");
    }
    if (schema == null) {
      schema = StateSchema.of(backend.getKeySerializer(), namespaceSerializer, LongSerializer.INSTANCE).toBytes();
    }
    KeyGroupedStateWriter writer = new KeyGroupedStateWriter(out);
    writeTimers(KeyGroupedTimerStore.EVENT_TIME, EVENT_TIME, eventTimers, writer);
    writeTimers(KeyGroupedTimerStore.PROCESSING_TIME, PROCESSING_TIME, processingTimers, writer);
    writer.finish();
  }

  private static final byte EVENT_TIME = 0;
  private static final byte PROCESSING_TIME = 1;

  private void writeTimers(String name, byte domain, TimerQueue<K, N> timers, KeyGroupedStateWriter writer)
      throws IOException {
    KeyGroupRange range = backend.getKeyGroupRange();
    List<TimerEntry<K, N>> live = ((HeapTimerQueue<K, N>) timers).entries();
    int[] groupOf = new int[live.size()];
    int[] start = new int[range.size() + 1];
    for (int i = 0; i < live.size(); i++) {
      groupOf[i] = KeyGroupRangeAssignment.assignToKeyGroup(live.get(i).key(), backend.getNumberOfKeyGroups())
          - range.getStartKeyGroup();
      start[groupOf[i] + 1]++;
    }
    for (int g = 0; g < range.size(); g++) {
      start[g + 1] += start[g];
    }
    int[] byGroup = new int[live.size()];
    int[] next = java.util.Arrays.copyOf(start, range.size());
    for (int i = 0; i < live.size(); i++) {
      byGroup[next[groupOf[i]]++] = i;
    }
    writer.startSection(name, domain, schema, range);
    for (int g = 0; g < range.size(); g++) {
      writer.startKeyGroup(range.getStartKeyGroup() + g);
      for (int i = start[g]; i < start[g + 1]; i++) {
        TimerEntry<K, N> t = live.get(byGroup[i]);
        writer.out().writeLong(t.timestamp());
        backend.getKeySerializer().serialize(t.key(), writer.out());
        namespaceSerializer.serialize(t.namespace(), writer.out());
        writer.entryWritten();
      }
    }
  }

  /**
   * Registers the timers of a snapshot whose keys belong to this subtask's key groups: of the
   * key-grouped format only the index and those key groups are read; the earlier format (version 1:
   * for event time and for processing time an int count, then per timer a long timestamp, the key
   * and the namespace) is read whole.
   */
  public void restore(StateBlock block) throws IOException {
    int version = block.version();
    K previous = backend.getCurrentKey();
    try {
      if (version == KeyGroupedStateWriter.VERSION || version == KeyGroupedStateWriter.VERSION_WITHOUT_SCHEMAS) {
        for (KeyGroupedStateReader.Section section : KeyGroupedStateReader.readIndex(block, version)) {
          StateSchema written = StateSchema.fromBytes(section.schema());
          if (written != null) {
            written.resolve("the " + section.name() + "-time timers", backend.getKeySerializer(), namespaceSerializer,
                LongSerializer.INSTANCE);
          }
          byte domain = section.tag();
          section.read(backend.getKeyGroupRange(), (keyGroup, in) -> restoreTimer(domain, in));
        }
      } else if (version == 1) {
        DataInputDeserializer in = new DataInputDeserializer(block.readAll());
        in.readInt();
        for (byte domain = EVENT_TIME; domain <= PROCESSING_TIME; domain++) {
          for (int n = in.readInt(); n > 0; n--) {
            restoreTimer(domain, in);
          }
        }
      } else {
        throw new IOException("Timer snapshot version " + version + " cannot be read; this version reads 1, "
            + KeyGroupedStateWriter.VERSION_WITHOUT_SCHEMAS + " and " + KeyGroupedStateWriter.VERSION);
      }
    } finally {
      if (previous != null) {
        backend.setCurrentKey(previous);
      }
    }
  }

  /** Reads one timer and registers it if its key is in this subtask's key groups. */
  private void restoreTimer(byte domain, DataInputView in) throws IOException {
    long time = in.readLong();
    K key = backend.getKeySerializer().deserialize(in);
    N namespace = namespaceSerializer.deserialize(in);
    int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key, backend.getNumberOfKeyGroups());
    if (backend.getKeyGroupRange().contains(keyGroup)) {
      backend.setCurrentKey(key);
      register(domain, namespace, time);
    }
  }

  public long currentProcessingTime() {
    return clock.getCurrentProcessingTime();
  }

  public long currentWatermark() {
    return currentWatermark;
  }

  public void registerProcessingTimeTimer(N namespace, long time) {
    if (processingTimers.add(time, backend.getCurrentKey(), namespace) && time < wakeUpTime) {
      scheduleWakeUp(time);
    }
  }

  public void deleteProcessingTimeTimer(N namespace, long time) {
    processingTimers.remove(time, backend.getCurrentKey(), namespace);
  }

  public void registerEventTimeTimer(N namespace, long time) {
    K key = backend.getCurrentKey();
    if (key != null && key == lastEventKey && time == lastEventTime && namespace == lastEventNamespace) {
      return;
    }
    eventTimers.add(time, key, namespace);
    lastEventTime = time;
    lastEventKey = key;
    lastEventNamespace = namespace;
  }

  public void deleteEventTimeTimer(N namespace, long time) {
    lastEventKey = null;
    eventTimers.remove(time, backend.getCurrentKey(), namespace);
  }

  private void scheduleWakeUp(long time) {
    if (wakeUp != null) {
      wakeUp.cancel();
    }
    wakeUpTime = time;
    wakeUp = clock.registerTimer(time, this::onProcessingTime);
  }

  /** Fires every processing-time timer due at {@code time}; called by the wake-up. */
  public void onProcessingTime(long time) throws Exception {
    wakeUp = null;
    wakeUpTime = Long.MAX_VALUE;
    TimerEntry<K, N> t;
    while ((t = processingTimers.pollDue(time)) != null) {
      backend.setCurrentKey(t.key());
      target.onProcessingTime(t);
    }
    long next = processingTimers.peekTime();
    if (next != Long.MAX_VALUE && next < wakeUpTime) {
      scheduleWakeUp(next);
    }
  }

  /** Fires every event-time timer at or before {@code watermark}, in timestamp order. */
  public void advanceWatermark(long watermark) throws Exception {
    currentWatermark = watermark;
    TimerEntry<K, N> t;
    while ((t = eventTimers.pollDue(watermark)) != null) {
      lastEventKey = null;
      backend.setCurrentKey(t.key());
      target.onEventTime(t);
    }
  }

  public int numProcessingTimeTimers() {
    return processingTimers.size();
  }

  public int numEventTimeTimers() {
    return eventTimers.size();
  }

  /** Withdraws the wake-up; pending processing-time timers will not fire. */
  public void close() {
    if (wakeUp != null) {
      wakeUp.cancel();
      wakeUp = null;
    }
  }
}
