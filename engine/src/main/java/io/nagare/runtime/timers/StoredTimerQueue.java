package io.nagare.runtime.timers;

import io.nagare.api.serialization.TypeSerializer;
import io.nagare.serialization.DataInputDeserializer;
import io.nagare.serialization.DataOutputSerializer;
import io.nagare.state.KeyGroupRange;
import io.nagare.state.KeyGroupRangeAssignment;
import io.nagare.state.KeyGroupedTimerStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Timers kept in the keyed state backend's {@link KeyGroupedTimerStore} (RocksDB), ordered per key
 * group there: each key group's first timers are cached in memory ({@link KeyGroupTimerCache}) and
 * a heap of the key groups by their earliest timestamp ({@link KeyGroupHeap}) finds the next timer
 * of the subtask, so polling a due timer costs a delete in the store (and a read per {@value
 * KeyGroupTimerCache#SIZE} timers of a key group), and adding one a write. Timers of one timestamp
 * fire in key group order, then in the order of their serialised key and namespace. On creation
 * it reads the head of every key group of the store, so timers restored with the backend's state
 * are known.
 *
 * <p>Owned by the subtask's thread.
 */
final class StoredTimerQueue<K, N> implements TimerQueue<K, N> {
  private final TypeSerializer<K> keySerializer;
  private final TypeSerializer<N> namespaceSerializer;
  private final int numberOfKeyGroups;
  private final int firstKeyGroup;
  private final KeyGroupTimerCache[] keyGroups;
  private final KeyGroupHeap heads;
  private final DataOutputSerializer out = new DataOutputSerializer(64);
  private final DataInputDeserializer in = new DataInputDeserializer();

  StoredTimerQueue(KeyGroupedTimerStore store, KeyGroupRange range, int numberOfKeyGroups,
      TypeSerializer<K> keySerializer, TypeSerializer<N> namespaceSerializer) {
    this.keySerializer = keySerializer;
    this.namespaceSerializer = namespaceSerializer;
    this.numberOfKeyGroups = numberOfKeyGroups;
    this.firstKeyGroup = range.getStartKeyGroup();
    this.keyGroups = new KeyGroupTimerCache[range.size()];
    this.heads = new KeyGroupHeap(range.size());
    for (int g = 0; g < keyGroups.length; g++) {
      keyGroups[g] = new KeyGroupTimerCache(store, firstKeyGroup + g);
      refresh(g);
    }
  }

  @Override
  public boolean add(long time, K key, N namespace) {
    int g = indexOf(key);
    KeyGroupTimerCache group = keyGroups[g];
    boolean added = group.add(encode(time, key, namespace));
    refresh(g);
    return added;
  }

  @Override
  public void remove(long time, K key, N namespace) {
    int g = indexOf(key);
    KeyGroupTimerCache group = keyGroups[g];
    group.remove(encode(time, key, namespace));
    refresh(g);
  }

  @Override
  public long peekTime() {
    return heads.topTime();
  }

  @Override
  public TimerEntry<K, N> pollDue(long time) {
    int g = heads.top();
    if (g < 0 || heads.topTime() > time) {
      return null;
    }
    KeyGroupTimerCache group = keyGroups[g];
    KeyGroupedTimerStore.Entry head = group.head();
    group.removeHead();
    refresh(g);
    return decode(head);
  }

  @Override
  public int size() {
    int n = 0;
    for (KeyGroupTimerCache group : keyGroups) {
      n += group.size();
    }
    return n;
  }

  /** Puts key group {@code g}'s earliest timestamp into the heap, or takes it out if it has no timer. */
  private void refresh(int g) {
    KeyGroupedTimerStore.Entry head = keyGroups[g].head();
    if (head == null) {
      heads.remove(g);
    } else {
      heads.update(g, head.timestamp());
    }
  }

  private int indexOf(K key) {
    return KeyGroupRangeAssignment.assignToKeyGroup(key, numberOfKeyGroups) - firstKeyGroup;
  }

  private KeyGroupedTimerStore.Entry encode(long time, K key, N namespace) {
    out.clear();
    try {
      keySerializer.serialize(key, out);
      namespaceSerializer.serialize(namespace, out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serialize the key and namespace of " + new TimerEntry<>(time, key, namespace), e);
    }
    return new KeyGroupedTimerStore.Entry(time, out.getCopyOfBuffer());
  }

  private TimerEntry<K, N> decode(KeyGroupedTimerStore.Entry entry) {
    byte[] bytes = entry.keyAndNamespace();
    in.setBuffer(bytes, 0, bytes.length);
    try {
      return new TimerEntry<>(entry.timestamp(), keySerializer.deserialize(in), namespaceSerializer.deserialize(in));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot deserialize the key and namespace of a stored timer", e);
    }
  }
}
