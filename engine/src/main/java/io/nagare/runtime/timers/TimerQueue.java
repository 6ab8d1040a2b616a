package io.nagare.runtime.timers;

/**
 * The live timers of one time domain of an {@link InternalTimerService}, ordered by timestamp, one
 * per (timestamp, key, namespace): on the heap ({@link HeapTimerQueue}) or in the keyed state
 * backend ({@link StoredTimerQueue}). Owned by the subtask's thread.
 */
interface TimerQueue<K, N> {
  /** Adds the timer (time, key, namespace); false if it is known to be there already (true may also mean unknown). */
  boolean add(long time, K key, N namespace);

  /** Removes the timer (time, key, namespace), if there is one. */
  void remove(long time, K key, N namespace);

  /** The earliest timestamp, or {@code Long.MAX_VALUE} if there is no timer. */
  long peekTime();

  /** Removes and returns the earliest timer if it is due at {@code time}, else null. */
  TimerEntry<K, N> pollDue(long time);

  /** The number of timers. */
  int size();
}
