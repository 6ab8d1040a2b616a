package io.nagare.runtime.timers;

import io.nagare.state.KeyedStateBackend;
import java.util.HashSet;
import java.util.PriorityQueue;

/**
 * The timers of one keyed operator subtask: event-time timers fire, in timestamp order, when the
 * watermark reaches them; processing-time timers when the clock does. A timer is unique per (key,
 * namespace, timestamp). Only the earliest processing-time timer holds a wake-up with the {@link
 * ProcessingTimeService}, so thousands of timers cost one scheduled task. Before firing a timer its
 * key becomes the backend's current key.
 *
 * <p>Owned by the subtask's thread (the wake-up callback arrives there through the mailbox).
 */
public final class InternalTimerService<K, N> {
  private final KeyedStateBackend<K> backend;
  private final ProcessingTimeService clock;
  private final Triggerable<K, N> target;
  private final PriorityQueue<TimerEntry<K, N>> processingQueue = new PriorityQueue<>();
  private final HashSet<TimerEntry<K, N>> processingTimers = new HashSet<>();
  private final PriorityQueue<TimerEntry<K, N>> eventQueue = new PriorityQueue<>();
  private final HashSet<TimerEntry<K, N>> eventTimers = new HashSet<>();
  private ProcessingTimeService.ScheduledTimer wakeUp;
  private long wakeUpTime = Long.MAX_VALUE;
  private long currentWatermark = Long.MIN_VALUE;

  public InternalTimerService(KeyedStateBackend<K> backend, ProcessingTimeService clock, Triggerable<K, N> target) {
    this.backend = backend;
    this.clock = clock;
    this.target = target;
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
    TimerEntry<K, N> t = new TimerEntry<>(time, backend.getCurrentKey(), namespace);
    if (processingTimers.remove(t)) {
      processingQueue.remove(t);
    }
  }

  public void registerEventTimeTimer(N namespace, long time) {
    TimerEntry<K, N> t = new TimerEntry<>(time, backend.getCurrentKey(), namespace);
    if (eventTimers.add(t)) {
      eventQueue.add(t);
    }
  }

  public void deleteEventTimeTimer(N namespace, long time) {
    TimerEntry<K, N> t = new TimerEntry<>(time, backend.getCurrentKey(), namespace);
    if (eventTimers.remove(t)) {
      eventQueue.remove(t);
    }
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
    while ((t = processingQueue.peek()) != null && t.timestamp() <= time) {
      processingQueue.poll();
      processingTimers.remove(t);
      backend.setCurrentKey(t.key());
      target.onProcessingTime(t);
    }
    if (t != null && t.timestamp() < wakeUpTime) {
      scheduleWakeUp(t.timestamp());
    }
  }

  /** Fires every event-time timer at or before {@code watermark}, in timestamp order. */
  public void advanceWatermark(long watermark) throws Exception {
    currentWatermark = watermark;
    TimerEntry<K, N> t;
    while ((t = eventQueue.peek()) != null && t.timestamp() <= watermark) {
      eventQueue.poll();
      eventTimers.remove(t);
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
