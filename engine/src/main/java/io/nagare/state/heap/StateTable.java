package io.nagare.state.heap;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * All entries of one keyed state on a heap backend, organised per key group: slot {@code i} holds
 * the {@link StateMap} of key group {@code rangeStart + i}. Access methods act on the current key
 * of the shared {@link HeapKeyContext} and look up its key group's map by array index, so a
 * checkpoint can later write, and a restore split or merge, the state key group by key group.
 *
 * <p>Owned by the subtask's thread.
 *
 * @param <K> key type
 * @param <N> namespace type
 * @param <S> stored state type
 */
final class StateTable<K, N, S> {
  private final HeapKeyContext<K> keyContext;
  private final StateMetaInfo<N, S> metaInfo;
  private final StateMap<K, N, S>[] keyGroupMaps;

  @SuppressWarnings("unchecked")
  StateTable(HeapKeyContext<K> keyContext, StateMetaInfo<N, S> metaInfo) {
    this.keyContext = keyContext;
    this.metaInfo = metaInfo;
    this.keyGroupMaps = new StateMap[Math.max(0, keyContext.getKeyGroupRange().size())];
    for (int i = 0; i < keyGroupMaps.length; i++) {
      keyGroupMaps[i] = new StateMap<>(metaInfo.getStateSerializer()::copy);
    }
  }

  StateMetaInfo<N, S> getMetaInfo() {
    return metaInfo;
  }

  /** The current key's state in {@code namespace}, or null. */
  S get(N namespace) {
    return currentMap().get(keyContext.getCurrentKey(), namespace);
  }

  boolean contains(N namespace) {
    return currentMap().containsKey(keyContext.getCurrentKey(), namespace);
  }

  /** Sets the current key's state in {@code namespace}; {@code state} must not be null. */
  void put(N namespace, S state) {
    currentMap().put(keyContext.getCurrentKey(), namespace, state);
  }

  void remove(N namespace) {
    currentMap().remove(keyContext.getCurrentKey(), namespace);
  }

  /** Removes the current key's state in {@code namespace} and returns it, or null. */
  S removeAndGet(N namespace) {
    return currentMap().removeAndGet(keyContext.getCurrentKey(), namespace);
  }

  /** Applies {@code transformation} to the current key's state in {@code namespace}; see {@link StateMap#transform}. */
  <T> boolean transform(N namespace, T input, StateTransformation<S, T> transformation) throws Exception {
    return currentMap().transform(keyContext.getCurrentKey(), namespace, input, transformation);
  }

  /**
   * An action that later removes the current key's entry in {@code namespace} if it still holds
   * {@code state}: for views over a state object that may empty it after the key has changed.
   */
  Runnable entryRemover(N namespace, S state) {
    StateMap<K, N, S> map = currentMap();
    K key = keyContext.getCurrentKey();
    return () -> {
      if (map.get(key, namespace) == state) {
        map.remove(key, namespace);
      }
    };
  }

  /** The map of the current key's key group. */
  StateMap<K, N, S> currentMap() {
    int offset = keyContext.getCurrentKeyGroupOffset();
    if (offset < 0) {
      throw new IllegalStateException("Keyed state '" + metaInfo.getName()
          + "' was accessed with no current key: keyed state is only available while processing a keyed element"
          + " or timer");
    }
    return keyGroupMaps[offset];
  }

  /** The map of {@code keyGroup}, which must lie in the backend's key group range. */
  StateMap<K, N, S> getMapForKeyGroup(int keyGroup) {
    int offset = keyGroup - keyContext.getKeyGroupRange().getStartKeyGroup();
    if (offset < 0 || offset >= keyGroupMaps.length) {
      throw new IllegalArgumentException("Key group " + keyGroup + " is outside " + keyContext.getKeyGroupRange());
    }
    return keyGroupMaps[offset];
  }

  private int cleanupGroup;
  private int cleanupBucket;

  /**
   * Examines about {@code maxEntries} entries for expiry, continuing where the last call stopped and
   * going round all key groups, so every entry is eventually looked at even if its key is never
   * accessed again.
   */
  void cleanupIncrementally(int maxEntries, java.util.function.UnaryOperator<S> filter) {
    int examined = 0;
    int groupsVisited = 0;
    while (examined < maxEntries && keyGroupMaps.length > 0 && groupsVisited <= keyGroupMaps.length) {
      StateMap<K, N, S> map = keyGroupMaps[cleanupGroup];
      if (cleanupBucket >= map.bucketCount()) {
        cleanupGroup = (cleanupGroup + 1) % keyGroupMaps.length;
        cleanupBucket = 0;
        groupsVisited++;
        continue;
      }
      examined += map.filterBucket(cleanupBucket++, filter);
    }
  }

  /** The number of (key, namespace) entries over all key groups. */
  int size() {
    int size = 0;
    for (StateMap<K, N, S> map : keyGroupMaps) {
      size += map.size();
    }
    return size;
  }

  /** The keys with an entry in {@code namespace}, key group by key group; the table must not change meanwhile. */
  Stream<K> keys(N namespace) {
    return Stream.of(keyGroupMaps).flatMap(map -> keysIn(map, namespace));
  }

  void clear() {
    for (StateMap<K, N, S> map : keyGroupMaps) {
      map.clear();
    }
  }

  private static <K, N, S> Stream<K> keysIn(StateMap<K, N, S> map, N namespace) {
    Iterator<StateMap.Entry<K, N, S>> entries = map.iterator();
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.NONNULL), false)
        .filter(e -> e.getNamespace().equals(namespace))
        .map(StateMap.Entry::getKey);
  }
}
