package io.nagare.runtime.timers;

import java.util.List;

/**
 * Timers on the heap: a {@link TimerSet} holds the live ones and {@link TimestampGroups} orders them;
 * the order may also hold deleted ones, which are skipped when they come up, so a delete costs a
 * hash lookup instead of a search of the order. Owned by the subtask's thread.
 */
final class HeapTimerQueue<K, N> implements TimerQueue<K, N> {
  private final TimestampGroups<K, N> order = new TimestampGroups<>();
  private final TimerSet<K, N> live = new TimerSet<>();

  @Override
  public boolean add(TimerEntry<K, N> timer) {
    if (!live.add(timer)) {
      return false;
    }
    order.add(timer);
    return true;
  }

  @Override
  public void remove(TimerEntry<K, N> timer) {
    live.remove(timer);
  }

  @Override
  public long peekTime() {
    return order.peekTime();
  }

  @Override
  public TimerEntry<K, N> pollDue(long time) {
    TimerEntry<K, N> t;
    while ((t = order.pollDue(time)) != null) {
      if (live.remove(t)) {
        return t;
      }
    }
    return null;
  }

  @Override
  public int size() {
    return live.size();
  }

  /** The live timers, in no particular order. */
  List<TimerEntry<K, N>> entries() {
    return live.entries();
  }
}
