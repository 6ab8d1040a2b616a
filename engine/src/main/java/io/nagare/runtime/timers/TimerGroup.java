package io.nagare.runtime.timers;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The heap timers of one timestamp: (key, namespace) pairs in the order they were added, in
 * parallel arrays, with an open-addressing index of their positions (linear probing, deletion by
 * backward shift) that makes a pair unique. No object per timer: a window operator registers one
 * timer per key and window, and the group of a window's end is filled while it is young, so its
 * arrays hold the timers without the per-timer objects and old-to-young references a global hash
 * set of timer objects costs the garbage collector. Removed and polled timers leave a null hole
 * that polling skips; holes are compacted away when the arrays are full.
 *
 * <p>Owned by the subtask's thread.
 */
final class TimerGroup<K, N> {
  private static final int INITIAL_CAPACITY = 8;

  final long time;
  private Object[] keys = new Object[INITIAL_CAPACITY];
  private Object[] namespaces = new Object[INITIAL_CAPACITY];
  private int[] hashes = new int[INITIAL_CAPACITY];
  /** Positions used, holes included. */
  private int count;
  /** Timers present. */
  private int live;
  /** The next position {@link #poll} looks at; every position before it is a hole. */
  private int next;
  /** Position + 1 of each timer, 0 for a free slot; at most half full. */
  private int[] index = new int[INITIAL_CAPACITY * 2];

  TimerGroup(long time) {
    this.time = time;
  }

  /** Adds the timer of (key, namespace); false if it is there already. */
  boolean add(K key, N namespace) {
    if (count == keys.length) {
      makeRoom();
    }
    int hash = hash(key, namespace);
    int[] tab = index;
    int mask = tab.length - 1;
    int i = hash & mask;
    for (int p; (p = tab[i]) != 0; i = (i + 1) & mask) {
      if (matches(p - 1, hash, key, namespace)) {
        return false;
      }
    }
    keys[count] = key;
    namespaces[count] = namespace;
    hashes[count] = hash;
    tab[i] = ++count;
    if (++live > tab.length >>> 1) {
      rebuildIndex(tab.length << 1);
    }
    return true;
  }

  /** Removes the timer of (key, namespace); false if there was none. */
  boolean remove(K key, N namespace) {
    int hash = hash(key, namespace);
    int[] tab = index;
    int mask = tab.length - 1;
    for (int i = hash & mask, p; (p = tab[i]) != 0; i = (i + 1) & mask) {
      if (matches(p - 1, hash, key, namespace)) {
        unlink(i);
        clear(p - 1);
        return true;
      }
    }
    return false;
  }

  /** Removes and returns the earliest-added timer, or null if the group is empty. */
  @SuppressWarnings("unchecked")
  TimerEntry<K, N> poll() {
    while (next < count) {
      int pos = next++;
      Object key = keys[pos];
      if (key != null) {
        Object namespace = namespaces[pos];
        unlink(slotOf(pos));
        clear(pos);
        return new TimerEntry<>(time, (K) key, (N) namespace);
      }
    }
    return null;
  }

  /** Calls {@code action} with every timer, in the order they were added. */
  @SuppressWarnings("unchecked")
  void forEach(Consumer<TimerEntry<K, N>> action) {
    for (int pos = next; pos < count; pos++) {
      if (keys[pos] != null) {
        action.accept(new TimerEntry<>(time, (K) keys[pos], (N) namespaces[pos]));
      }
    }
  }

  private boolean matches(int pos, int hash, Object key, Object namespace) {
    if (hashes[pos] != hash) {
      return false;
    }
    Object k = keys[pos];
    Object n = namespaces[pos];
    return (k == key || k.equals(key)) && (n == namespace || n.equals(namespace));
  }

  private void clear(int pos) {
    keys[pos] = null;
    namespaces[pos] = null;
    live--;
  }

  /** The index slot holding position {@code pos}, which must be present. */
  private int slotOf(int pos) {
    int[] tab = index;
    int mask = tab.length - 1;
    int i = hashes[pos] & mask;
    while (tab[i] != pos + 1) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** Empties index slot {@code hole}, moving later slots of its probe run back so lookups still find them. */
  private void unlink(int hole) {
    int[] tab = index;
    int mask = tab.length - 1;
    int i = hole;
    while (true) {
      i = (i + 1) & mask;
      int p = tab[i];
      if (p == 0) {
        tab[hole] = 0;
        return;
      }
      int home = hashes[p - 1] & mask;
      boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
      if (movable) {
        tab[hole] = p;
        hole = i;
      }
    }
  }

  /** Full arrays: squeezes out the holes if they are at least half, else doubles the arrays. */
  private void makeRoom() {
    if (live <= count >>> 1) {
      int to = 0;
      for (int from = next; from < count; from++) {
        if (keys[from] != null) {
          keys[to] = keys[from];
          namespaces[to] = namespaces[from];
          hashes[to] = hashes[from];
          to++;
        }
      }
      Arrays.fill(keys, to, count, null);
      Arrays.fill(namespaces, to, count, null);
      count = to;
      next = 0;
    } else {
      int capacity = keys.length << 1;
      keys = Arrays.copyOf(keys, capacity);
      namespaces = Arrays.copyOf(namespaces, capacity);
      hashes = Arrays.copyOf(hashes, capacity);
    }
    rebuildIndex(index.length);
  }

  private void rebuildIndex(int capacity) {
    int[] tab = new int[capacity];
    int mask = capacity - 1;
    for (int pos = next; pos < count; pos++) {
      if (keys[pos] != null) {
        int i = hashes[pos] & mask;
        while (tab[i] != 0) {
          i = (i + 1) & mask;
        }
        tab[i] = pos + 1;
      }
    }
    index = tab;
  }

  private static int hash(Object key, Object namespace) {
    int h = (key.hashCode() * 31 + namespace.hashCode()) * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
