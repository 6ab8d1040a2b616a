package io.nagare.state.heap;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The entries of one state in one key group: a chained hash table keyed by (key, namespace)
 * without composite key objects, so a lookup allocates nothing. Absent and null states are the
 * same: an entry always holds a non-null state.
 *
 * <p>Every access that may hand a state object to a caller goes through {@link #get}, {@link #put},
 * {@link #transform} or {@link #remove}; this is what lets a copy-on-write snapshot be added here
 * without touching the state handles (see {@link HeapKeyedStateBackend}).
 *
 * <p>Not thread-safe: owned by the subtask's thread. Iterators fail fast on concurrent changes.
 *
 * @param <K> key type
 * @param <N> namespace type
 * @param <S> stored state type
 */
final class StateMap<K, N, S> {
  private static final int INITIAL_CAPACITY = 8;
  private static final int MAX_CAPACITY = 1 << 30;

  @SuppressWarnings("rawtypes")
  private static final Entry[] EMPTY_TABLE = new Entry[0];

  @SuppressWarnings("unchecked")
  private Entry<K, N, S>[] table = EMPTY_TABLE;

  private int size;
  private int threshold;
  private int modCount;

  /** The state of (key, namespace), or null. */
  S get(K key, N namespace) {
    Entry<K, N, S> e = find(key, namespace, hash(key, namespace));
    return e == null ? null : e.state;
  }

  boolean containsKey(K key, N namespace) {
    return find(key, namespace, hash(key, namespace)) != null;
  }

  /** Sets the state of (key, namespace); {@code state} must not be null. */
  void put(K key, N namespace, S state) {
    int hash = hash(key, namespace);
    Entry<K, N, S> e = find(key, namespace, hash);
    if (e != null) {
      e.state = state;
    } else {
      insert(key, namespace, hash, state);
    }
  }

  /** Removes the state of (key, namespace) and returns it, or null if there was none. */
  S removeAndGet(K key, N namespace) {
    Entry<K, N, S>[] tab = table;
    if (tab.length == 0) {
      return null;
    }
    int hash = hash(key, namespace);
    int index = hash & (tab.length - 1);
    Entry<K, N, S> previous = null;
    for (Entry<K, N, S> e = tab[index]; e != null; previous = e, e = e.next) {
      if (e.matches(key, namespace, hash)) {
        if (previous == null) {
          tab[index] = e.next;
        } else {
          previous.next = e.next;
        }
        size--;
        modCount++;
        return e.state;
      }
    }
    return null;
  }

  void remove(K key, N namespace) {
    removeAndGet(key, namespace);
  }

  /**
   * Replaces the state of (key, namespace) by {@code transformation(previous, input)} in one
   * lookup; a null result removes the entry. If the transformation throws, nothing changes here.
   *
   * @return whether the entry was created (there was none and the result is not null)
   */
  <T> boolean transform(K key, N namespace, T input, StateTransformation<S, T> transformation) throws Exception {
    int hash = hash(key, namespace);
    Entry<K, N, S> e = find(key, namespace, hash);
    S updated = transformation.apply(e == null ? null : e.state, input);
    if (e != null) {
      if (updated == null) {
        remove(key, namespace);
      } else {
        e.state = updated;
      }
      return false;
    }
    if (updated != null) {
      insert(key, namespace, hash, updated);
      return true;
    }
    return false;
  }

  /** The number of buckets, for {@link #filterBucket}. */
  int bucketCount() {
    return table.length;
  }

  /**
   * Replaces the state of every entry in bucket {@code bucket} by {@code filter}'s result, removing
   * the entries it maps to null; returns how many entries it examined.
   */
  int filterBucket(int bucket, java.util.function.UnaryOperator<S> filter) {
    Entry<K, N, S>[] tab = table;
    if (bucket >= tab.length) {
      return 0;
    }
    int examined = 0;
    Entry<K, N, S> previous = null;
    for (Entry<K, N, S> e = tab[bucket]; e != null; e = e.next) {
      examined++;
      S kept = filter.apply(e.state);
      if (kept == null) {
        if (previous == null) {
          tab[bucket] = e.next;
        } else {
          previous.next = e.next;
        }
        size--;
        modCount++;
      } else {
        e.state = kept;
        previous = e;
      }
    }
    return examined;
  }

  /** The number of (key, namespace) entries. */
  int size() {
    return size;
  }

  void clear() {
    table = emptyTable();
    size = 0;
    threshold = 0;
    modCount++;
  }

  /** The entries, in no particular order; the map must not change while iterating. */
  Iterator<Entry<K, N, S>> iterator() {
    return new EntryIterator();
  }

  private Entry<K, N, S> find(K key, N namespace, int hash) {
    Entry<K, N, S>[] tab = table;
    if (tab.length == 0) {
      return null;
    }
    for (Entry<K, N, S> e = tab[hash & (tab.length - 1)]; e != null; e = e.next) {
      if (e.matches(key, namespace, hash)) {
        return e;
      }
    }
    return null;
  }

  private void insert(K key, N namespace, int hash, S state) {
    if (size >= threshold) {
      grow();
    }
    Entry<K, N, S>[] tab = table;
    int index = hash & (tab.length - 1);
    tab[index] = new Entry<>(key, namespace, hash, state, tab[index]);
    size++;
    modCount++;
  }

  private void grow() {
    Entry<K, N, S>[] old = table;
    if (old.length == MAX_CAPACITY) {
      threshold = Integer.MAX_VALUE;
      return;
    }
    int capacity = old.length == 0 ? INITIAL_CAPACITY : old.length << 1;
    @SuppressWarnings("unchecked")
    Entry<K, N, S>[] tab = new Entry[capacity];
    int mask = capacity - 1;
    for (Entry<K, N, S> head : old) {
      Entry<K, N, S> e = head;
      while (e != null) {
        Entry<K, N, S> next = e.next;
        int index = e.hash & mask;
        e.next = tab[index];
        tab[index] = e;
        e = next;
      }
    }
    table = tab;
    threshold = capacity - (capacity >>> 2);
  }

  private static int hash(Object key, Object namespace) {
    int h = (key.hashCode() * 31 + namespace.hashCode()) * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  @SuppressWarnings("unchecked")
  private static <K, N, S> Entry<K, N, S>[] emptyTable() {
    return EMPTY_TABLE;
  }

  /** One (key, namespace, state) entry. */
  static final class Entry<K, N, S> {
    final K key;
    final N namespace;
    final int hash;
    S state;
    Entry<K, N, S> next;

    Entry(K key, N namespace, int hash, S state, Entry<K, N, S> next) {
      this.key = key;
      this.namespace = namespace;
      this.hash = hash;
      this.state = state;
      this.next = next;
    }

    boolean matches(K otherKey, N otherNamespace, int otherHash) {
      return hash == otherHash
          && (key == otherKey || key.equals(otherKey))
          && (namespace == otherNamespace || namespace.equals(otherNamespace));
    }

    K getKey() {
      return key;
    }

    N getNamespace() {
      return namespace;
    }

    S getState() {
      return state;
    }
  }

  private final class EntryIterator implements Iterator<Entry<K, N, S>> {
    private final Entry<K, N, S>[] tab = table;
    private final int expectedModCount = modCount;
    private int index;
    private Entry<K, N, S> next;

    EntryIterator() {
      advanceBucket();
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Entry<K, N, S> next() {
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException("Keyed state changed while its entries were iterated");
      }
      Entry<K, N, S> current = next;
      if (current == null) {
        throw new NoSuchElementException();
      }
      next = current.next;
      if (next == null) {
        advanceBucket();
      }
      return current;
    }

    private void advanceBucket() {
      while (next == null && index < tab.length) {
        next = tab[index++];
      }
    }
  }
}
