package io.nagare.runtime.timers;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.PriorityQueue;

/**
 * Timers ordered by timestamp, grouped by timestamp: windows make many keys share one timestamp
 * (every key's window ends at the same instant), so adding to an existing group is O(1) and
 * firing a group costs no heap operations per timer. Timers of one timestamp come out in the order
 * they were added. May hold timers deleted since; {@link HeapTimerQueue} skips those.
 * Owned by the subtask's thread.
 */
final class TimestampGroups<K, N> {
  private final PriorityQueue<Long> timestamps = new PriorityQueue<>();
  private final HashMap<Long, ArrayDeque<TimerEntry<K, N>>> groups = new HashMap<>();
  private long headTime = Long.MAX_VALUE;
  private ArrayDeque<TimerEntry<K, N>> head;

  void add(TimerEntry<K, N> timer) {
    Long time = timer.timestamp();
    ArrayDeque<TimerEntry<K, N>> group = groups.get(time);
    if (group == null) {
      group = new ArrayDeque<>();
      groups.put(time, group);
      timestamps.add(time);
      if (head == null || timer.timestamp() < headTime) {
        headTime = timer.timestamp();
        head = group;
      }
    }
    group.add(timer);
  }

  /** The earliest timestamp, or {@code Long.MAX_VALUE} if there is none. */
  long peekTime() {
    return headTime;
  }

  /** Removes and returns the earliest timer if it is due at {@code time}, else null. */
  TimerEntry<K, N> pollDue(long time) {
    while (head != null && headTime <= time) {
      TimerEntry<K, N> t = head.poll();
      if (t != null) {
        return t;
      }
      groups.remove(timestamps.poll());
      Long next = timestamps.peek();
      headTime = next == null ? Long.MAX_VALUE : next;
      head = next == null ? null : groups.get(next);
    }
    return null;
  }
}
