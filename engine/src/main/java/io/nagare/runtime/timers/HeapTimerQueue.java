package io.nagare.runtime.timers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Timers on the heap, grouped by timestamp ({@link TimerGroup}): windows make many keys share one
 * timestamp (every key's window ends at the same instant), so adding a timer to an existing group
 * is one probe of that group's index, and firing a group costs no ordering work per timer. Timers
 * of one timestamp fire in the order they were added. The two groups added to last are remembered,
 * so the timers of the one or two windows an operator is filling find their group without a map
 * lookup. A group stays until it comes up for firing, even if its timers were removed.
 *
 * <p>Owned by the subtask's thread.
 */
final class HeapTimerQueue<K, N> implements TimerQueue<K, N> {
  private final PriorityQueue<Long> timestamps = new PriorityQueue<>();
  private final HashMap<Long, TimerGroup<K, N>> groups = new HashMap<>();
  /** The earliest group, or null. */
  private TimerGroup<K, N> head;
  private TimerGroup<K, N> recent;
  private TimerGroup<K, N> previous;
  private int size;

  @Override
  public boolean add(long time, K key, N namespace) {
    TimerGroup<K, N> group = group(time);
    if (group == null) {
      group = new TimerGroup<>(time);
      groups.put(time, group);
      timestamps.add(time);
      if (head == null || time < head.time) {
        head = group;
      }
      remember(group);
    }
    if (!group.add(key, namespace)) {
      return false;
    }
    size++;
    return true;
  }

  @Override
  public void remove(long time, K key, N namespace) {
    TimerGroup<K, N> group = group(time);
    if (group != null && group.remove(key, namespace)) {
      size--;
    }
  }

  @Override
  public long peekTime() {
    return head == null ? Long.MAX_VALUE : head.time;
  }

  @Override
  public TimerEntry<K, N> pollDue(long time) {
    while (head != null && head.time <= time) {
      TimerEntry<K, N> t = head.poll();
      if (t != null) {
        size--;
        return t;
      }
      groups.remove(timestamps.poll());
      if (recent == head) {
        recent = null;
      }
      if (previous == head) {
        previous = null;
      }
      Long next = timestamps.peek();
      head = next == null ? null : groups.get(next);
    }
    return null;
  }

  @Override
  public int size() {
    return size;
  }

  /** The live timers, in no particular order. */
  List<TimerEntry<K, N>> entries() {
    List<TimerEntry<K, N>> all = new ArrayList<>(size);
    for (TimerGroup<K, N> group : groups.values()) {
      group.forEach(all::add);
    }
    return all;
  }

  /** The group of {@code time}, or null; a group found becomes the most recent. */
  private TimerGroup<K, N> group(long time) {
    TimerGroup<K, N> group = recent;
    if (group != null && group.time == time) {
      return group;
    }
    group = previous;
    if (group == null || group.time != time) {
      group = groups.get(time);
      if (group == null) {
        return null;
      }
    }
    remember(group);
    return group;
  }

  private void remember(TimerGroup<K, N> group) {
    if (recent != group) {
      previous = recent;
      recent = group;
    }
  }
}
