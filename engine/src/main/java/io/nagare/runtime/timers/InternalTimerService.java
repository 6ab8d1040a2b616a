package io.nagare.runtime.timers;

import io.nagare.api.serialization.DataInputView;
import io.nagare.api.serialization.DataOutputView;
import io.nagare.api.serialization.TypeSerializer;
import io.nagare.state.KeyGroupRangeAssignment;
import io.nagare.state.KeyedStateBackend;
import java.io.IOException;
import java.util.List;

/**
 * The timers of one keyed operator subtask: event-time timers fire, in timestamp order, when the
 * watermark reaches them; processing-time timers when the clock does. A timer is unique per (key,
 * namespace, timestamp). Only the earliest processing-time timer holds a wake-up with the {@link
 * ProcessingTimeService}, so thousands of timers cost one scheduled task. Before firing a timer its
 * key becomes the backend's current key. The sets hold the live timers; the queues order them and
 * may also hold deleted ones, which are skipped when they come up, so a delete costs a hash lookup
 * instead of a linear search of the queue.
 *
 * <p>Owned by the subtask's thread (the wake-up callback arrives there through the mailbox).
 */
public final class InternalTimerService<K, N> {
  private final KeyedStateBackend<K> backend;
  private final ProcessingTimeService clock;
  private final Triggerable<K, N> target;
  private final TimerQueue<K, N> processingQueue = new TimerQueue<>();
  private final TimerSet<K, N> processingTimers = new TimerSet<>();
  private final TimerQueue<K, N> eventQueue = new TimerQueue<>();
  private final TimerSet<K, N> eventTimers = new TimerSet<>();
  private ProcessingTimeService.ScheduledTimer wakeUp;
  private long wakeUpTime = Long.MAX_VALUE;
  private long currentWatermark = Long.MIN_VALUE;
  /** The last event-time timer registered, if still live: repeated registrations skip the set. */
  private TimerEntry<K, N> lastEventTimer;

  private final TypeSerializer<N> namespaceSerializer;

  public InternalTimerService(KeyedStateBackend<K> backend, ProcessingTimeService clock, Triggerable<K, N> target,
      TypeSerializer<N> namespaceSerializer) {
    this.backend = backend;
    this.clock = clock;
    this.target = target;
    this.namespaceSerializer = namespaceSerializer;
  }

  /**
   * Writes the live timers: int version (1), then for event time and for processing time: int
   * count, then per timer: long timestamp, key (the backend's key serializer), namespace.
   */
  public void snapshot(DataOutputView out) throws IOException {
    out.writeInt(1);
    writeTimers(eventTimers, out);
    writeTimers(processingTimers, out);
  }

  private void writeTimers(TimerSet<K, N> timers, DataOutputView out) throws IOException {
    List<TimerEntry<K, N>> live = timers.entries();
    out.writeInt(live.size());
    for (TimerEntry<K, N> t : live) {
      out.writeLong(t.timestamp());
      backend.getKeySerializer().serialize(t.key(), out);
      namespaceSerializer.serialize(t.namespace(), out);
    }
  }

  /** Registers the timers of a snapshot whose keys belong to this subtask's key groups. */
  public void restore(DataInputView in) throws IOException {
    int version = in.readInt();
    if (version != 1) {
      throw new IOException("Timer snapshot version " + version + " cannot be read; this version reads 1");
    }
    K previous = backend.getCurrentKey();
    for (int domain = 0; domain < 2; domain++) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        long time = in.readLong();
        K key = backend.getKeySerializer().deserialize(in);
        N namespace = namespaceSerializer.deserialize(in);
        int keyGroup = KeyGroupRangeAssignment.assignToKeyGroup(key, backend.getNumberOfKeyGroups());
        if (backend.getKeyGroupRange().contains(keyGroup)) {
          backend.setCurrentKey(key);
          if (domain == 0) {
            registerEventTimeTimer(namespace, time);
          } else {
            registerProcessingTimeTimer(namespace, time);
          }
        }
      }
    }
    if (previous != null) {
      backend.setCurrentKey(previous);
    }
  }

  public long currentProcessingTime() {
    return clock.getCurrentProcessingTime();
  }

  public long currentWatermark() {
    return currentWatermark;
  }

  public void registerProcessingTimeTimer(N namespace, long time) {
    TimerEntry<K, N> t = new TimerEntry<>(time, backend.getCurrentKey(), namespace);
    if (processingTimers.add(t)) {
      processingQueue.add(t);
      if (time < wakeUpTime) {
        scheduleWakeUp(time);
      }
    }
  }

  public void deleteProcessingTimeTimer(N namespace, long time) {
    processingTimers.remove(new TimerEntry<>(time, backend.getCurrentKey(), namespace));
  }

  public void registerEventTimeTimer(N namespace, long time) {
    K key = backend.getCurrentKey();
    TimerEntry<K, N> last = lastEventTimer;
    if (last != null && last.timestamp() == time && last.key() == key && last.namespace() == namespace) {
      return;
    }
    TimerEntry<K, N> t = new TimerEntry<>(time, key, namespace);
    if (eventTimers.add(t)) {
      eventQueue.add(t);
    }
    lastEventTimer = t;
  }

  public void deleteEventTimeTimer(N namespace, long time) {
    lastEventTimer = null;
    eventTimers.remove(new TimerEntry<>(time, backend.getCurrentKey(), namespace));
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
    while ((t = processingQueue.pollDue(time)) != null) {
      if (processingTimers.remove(t)) {
        backend.setCurrentKey(t.key());
        target.onProcessingTime(t);
      }
    }
    long next = processingQueue.peekTime();
    if (next != Long.MAX_VALUE && next < wakeUpTime) {
      scheduleWakeUp(next);
    }
  }

  /** Fires every event-time timer at or before {@code watermark}, in timestamp order. */
  public void advanceWatermark(long watermark) throws Exception {
    currentWatermark = watermark;
    TimerEntry<K, N> t;
    while ((t = eventQueue.pollDue(watermark)) != null) {
      lastEventTimer = null;
      if (eventTimers.remove(t)) {
        backend.setCurrentKey(t.key());
        target.onEventTime(t);
      }
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
