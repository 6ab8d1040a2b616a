package io.nagare.state.heap;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The entries of one state in one key group: a chained hash table keyed by (key, namespace)
 * without composite key objects, so a lookup allocates nothing. Absent and null states are the
 * same: an entry always holds a non-null state.
 *
 * <p><b>Copy-on-write snapshots.</b> {@link #snapshot} increments the map's version and keeps a
 * shallow copy of the bucket array: O(buckets), on the subtask's thread. Every entry records the
 * version it was created (or copied) at, and the version its state object was last copied at.
 * While a snapshot is being written, an entry older than the latest snapshot is never changed in
 * place: a write copies it (and the entries before it in its bucket, whose {@code next} it would
 * otherwise change), and every access that hands its state object out — reads too, since heap
 * state objects may be changed in place — first copies the object with the state serializer's
 * {@code copy}. So each entry is copied at most once per snapshot, and only if touched, and the
 * snapshot's chains stay frozen for the checkpoint I/O thread that iterates them.
 *
 * <p>Not thread-safe: owned by the subtask's thread; a {@link Snapshot}'s entries may be read by one
 * other thread, and its release goes through the subtask's thread ({@link #release}). Iterators fail
 * fast on concurrent changes.
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
  /** This map's version: incremented by every snapshot. */
  private int version;
  /** The version of the latest snapshot still being written, or 0: entries older than it are shared. */
  private int highestRequired;
  private final java.util.TreeSet<Integer> activeSnapshots = new java.util.TreeSet<>();
  private final java.util.function.UnaryOperator<S> copier;

  /** A map whose state objects are copied with {@code copier} (the state serializer's copy) when a snapshot shares them. */
  StateMap(java.util.function.UnaryOperator<S> copier) {
    this.copier = copier;
  }

  /** A frozen view of the map: its version, bucket array and size. */
  record Snapshot<K, N, S>(int version, Entry<K, N, S>[] table, int size) {

    /** The entries, in no particular order. */
    Iterator<Entry<K, N, S>> iterator() {
      return new ChainIterator<>(table);
    }
  }

  /** Freezes the current entries; they stay as they are until {@link #release} of the snapshot. */
  Snapshot<K, N, S> snapshot() {
    version++;
    activeSnapshots.add(version);
    highestRequired = version;
    return new Snapshot<>(version, table.length == 0 ? table : java.util.Arrays.copyOf(table, table.length), size);
  }

  /** The snapshot of {@code snapshotVersion} has been written: its entries need no protection any more. */
  void release(int snapshotVersion) {
    activeSnapshots.remove(snapshotVersion);
    highestRequired = activeSnapshots.isEmpty() ? 0 : activeSnapshots.last();
  }

  /** The state of (key, namespace), or null. */
  S get(K key, N namespace) {
    Entry<K, N, S>[] tab = table;
    if (tab.length == 0) {
      return null;
    }
    int hash = hash(key, namespace);
    int index = hash & (tab.length - 1);
    for (Entry<K, N, S> e = tab[index]; e != null; e = e.next) {
      if (e.matches(key, namespace, hash)) {
        return e.stateVersion >= highestRequired ? e.state : writableState(index, e).state;
      }
    }
    return null;
  }

  /**
   * {@code target}, in bucket {@code index}, as an entry that no snapshot shares: copies it and every
   * shared entry before it in the chain (their {@code next} pointers would change otherwise).
   */
  private Entry<K, N, S> writable(int index, Entry<K, N, S> target) {
    if (target.entryVersion >= highestRequired) {
      return target;
    }
    Entry<K, N, S>[] tab = table;
    Entry<K, N, S> previous = null;
    for (Entry<K, N, S> e = tab[index]; ; e = e.next) {
      Entry<K, N, S> current = e;
      if (e.entryVersion < highestRequired) {
        current = new Entry<>(e.key, e.namespace, e.hash, e.state, e.next, version, e.stateVersion);
        if (previous == null) {
          tab[index] = current;
        } else {
          previous.next = current;
        }
      }
      if (e == target) {
        return current;
      }
      previous = current;
    }
  }

  /** {@link #writable} with a state object of its own, copied if a snapshot shares the current one. */
  private Entry<K, N, S> writableState(int index, Entry<K, N, S> target) {
    Entry<K, N, S> e = writable(index, target);
    if (e.stateVersion < highestRequired) {
      e.state = copier.apply(e.state);
      e.stateVersion = version;
    }
    return e;
  }

  boolean containsKey(K key, N namespace) {
    return find(key, namespace, hash(key, namespace)) != null;
  }

  /** Sets the state of (key, namespace); {@code state} must not be null. */
  void put(K key, N namespace, S state) {
    int hash = hash(key, namespace);
    Entry<K, N, S> e = find(key, namespace, hash);
    if (e != null) {
      e = writable(hash & (table.length - 1), e);
      e.state = state;
      e.stateVersion = version;
    } else {
      insert(key, namespace, hash, state);
    }
  }

  /** Removes the state of (key, namespace) and returns it (a copy if a snapshot shares it), or null if there was none. */
  S removeAndGet(K key, N namespace) {
    Entry<K, N, S> e = removeEntry(key, namespace);
    return e == null ? null : e.stateVersion >= highestRequired ? e.state : copier.apply(e.state);
  }

  void remove(K key, N namespace) {
    removeEntry(key, namespace);
  }

  private Entry<K, N, S> removeEntry(K key, N namespace) {
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
          writable(index, previous).next = e.next;
        }
        size--;
        modCount++;
        return e;
      }
    }
    return null;
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
    if (e != null && e.stateVersion < highestRequired) {
      e = writableState(hash & (table.length - 1), e);
    }
    S updated = transformation.apply(e == null ? null : e.state, input);
    if (e != null) {
      if (updated == null) {
        remove(key, namespace);
      } else {
        e.state = updated;
        e.stateVersion = version;
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
      e = writableState(bucket, e);
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
    tab[index] = new Entry<>(key, namespace, hash, state, tab[index], version, version);
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
        Entry<K, N, S> moved = e.entryVersion >= highestRequired ? e
            : new Entry<>(e.key, e.namespace, e.hash, e.state, null, version, e.stateVersion);
        moved.next = tab[index];
        tab[index] = moved;
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
    /** The map version this entry object was created at. */
    final int entryVersion;
    /** The map version its state object was set or copied at. */
    int stateVersion;

    Entry(K key, N namespace, int hash, S state, Entry<K, N, S> next, int entryVersion, int stateVersion) {
      this.key = key;
      this.namespace = namespace;
      this.hash = hash;
      this.state = state;
      this.next = next;
      this.entryVersion = entryVersion;
      this.stateVersion = stateVersion;
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

  /** Iterates the chains of a frozen bucket array. */
  private static final class ChainIterator<K, N, S> implements Iterator<Entry<K, N, S>> {
    private final Entry<K, N, S>[] tab;
    private int index;
    private Entry<K, N, S> next;

    ChainIterator(Entry<K, N, S>[] tab) {
      this.tab = tab;
      advanceBucket();
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Entry<K, N, S> next() {
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

  /** The chains of the live table, failing fast if the map changes meanwhile. */
  private final class EntryIterator implements Iterator<Entry<K, N, S>> {
    private final ChainIterator<K, N, S> chains = new ChainIterator<>(table);
    private final int expectedModCount = modCount;

    @Override
    public boolean hasNext() {
      return chains.hasNext();
    }

    @Override
    public Entry<K, N, S> next() {
      if (modCount != expectedModCount) {
        throw new ConcurrentModificationException("Keyed state changed while its entries were iterated");
      }
      return chains.next();
    }
  }
}
