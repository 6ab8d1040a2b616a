package io.nagare.runtime.timers;

import java.util.ArrayList;
import java.util.List;

/**
 * The live timers of one domain: an open-addressing hash set (linear probing, deletion by backward
 * shift) of {@link TimerEntry}s, which carry their hash. A window operator asks it on every element
 * whether its timer exists, so it avoids the node allocation and indirections of a {@code
 * HashSet}. Owned by the subtask's thread.
 */
final class TimerSet<K, N> {
  private static final int INITIAL_CAPACITY = 64;

  @SuppressWarnings("unchecked")
  private TimerEntry<K, N>[] slots = new TimerEntry[INITIAL_CAPACITY];
  private int size;

  int size() {
    return size;
  }

  /** The live timers, in no particular order. */
  List<TimerEntry<K, N>> entries() {
    List<TimerEntry<K, N>> all = new ArrayList<>(size);
    for (TimerEntry<K, N> t : slots) {
      if (t != null) {
        all.add(t);
      }
    }
    return all;
  }

  /** Adds {@code timer}; false if an equal timer is already there. */
  boolean add(TimerEntry<K, N> timer) {
    TimerEntry<K, N>[] tab = slots;
    int mask = tab.length - 1;
    for (int i = timer.hashCode() & mask; ; i = (i + 1) & mask) {
      TimerEntry<K, N> t = tab[i];
      if (t == null) {
        tab[i] = timer;
        if (++size > (tab.length >>> 1) + (tab.length >>> 2)) {
          resize();
        }
        return true;
      }
      if (t.equals(timer)) {
        return false;
      }
    }
  }

  /** Removes the timer equal to {@code timer}; false if there was none. */
  boolean remove(TimerEntry<K, N> timer) {
    TimerEntry<K, N>[] tab = slots;
    int mask = tab.length - 1;
    for (int i = timer.hashCode() & mask; ; i = (i + 1) & mask) {
      TimerEntry<K, N> t = tab[i];
      if (t == null) {
        return false;
      }
      if (t.equals(timer)) {
        shiftBack(tab, i, mask);
        size--;
        return true;
      }
    }
  }

  /** Closes the gap at {@code hole} by moving later entries of the probe run that may fill it. */
  private static <K, N> void shiftBack(TimerEntry<K, N>[] tab, int hole, int mask) {
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      TimerEntry<K, N> t = tab[i];
      if (t == null) {
        tab[hole] = null;
        return;
      }
      int home = t.hashCode() & mask;
      boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
      if (movable) {
        tab[hole] = t;
        hole = i;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void resize() {
    TimerEntry<K, N>[] old = slots;
    TimerEntry<K, N>[] tab = new TimerEntry[old.length << 1];
    int mask = tab.length - 1;
    for (TimerEntry<K, N> t : old) {
      if (t != null) {
        int i = t.hashCode() & mask;
        while (tab[i] != null) {
          i = (i + 1) & mask;
        }
        tab[i] = t;
      }
    }
    slots = tab;
  }
}
