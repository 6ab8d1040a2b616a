package io.nagare.state.heap;

import io.nagare.api.state.MapState;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link MapState} on the heap: a {@link HashMap} per key and namespace. Views ({@link #entries()},
 * {@link #keys()}, {@link #values()}) are over the stored map and support {@code Iterator.remove};
 * the entry is removed once its map is empty. Null map keys are rejected; null map values are
 * allowed.
 *
 * <p>Owned by the subtask's thread.
 *
 * @param <K> key type
 * @param <N> namespace type
 * @param <UK> map key type
 * @param <UV> map value type
 */
final class HeapMapState<K, N, UK, UV> extends AbstractHeapState<K, N, Map<UK, UV>> implements MapState<UK, UV> {

  HeapMapState(StateTable<K, N, Map<UK, UV>> table, N initialNamespace) {
    super(table, initialNamespace);
  }

  @Override
  public UV get(UK key) {
    Map<UK, UV> map = table.get(namespace());
    return map == null ? null : map.get(key);
  }

  @Override
  public void put(UK key, UV value) {
    if (key == null) {
      throw nullRejected("null map keys");
    }
    mapForWrite().put(key, value);
  }

  @Override
  public void putAll(Map<UK, UV> entries) {
    Objects.requireNonNull(entries, "map to put into keyed state '" + getName() + "'");
    for (UK key : entries.keySet()) {
      if (key == null) {
        throw nullRejected("null map keys");
      }
    }
    if (!entries.isEmpty()) {
      mapForWrite().putAll(entries);
    }
  }

  @Override
  public void remove(UK key) {
    N namespace = namespace();
    Map<UK, UV> map = table.get(namespace);
    if (map != null) {
      map.remove(key);
      if (map.isEmpty()) {
        table.remove(namespace);
      }
    }
  }

  @Override
  public boolean contains(UK key) {
    Map<UK, UV> map = table.get(namespace());
    return map != null && map.containsKey(key);
  }

  @Override
  public Iterable<Map.Entry<UK, UV>> entries() {
    return view(Map::entrySet);
  }

  @Override
  public Iterable<UK> keys() {
    return view(Map::keySet);
  }

  @Override
  public Iterable<UV> values() {
    return view(Map::values);
  }

  @Override
  public boolean isEmpty() {
    Map<UK, UV> map = table.get(namespace());
    return map == null || map.isEmpty();
  }

  private Map<UK, UV> mapForWrite() {
    N namespace = namespace();
    Map<UK, UV> map = table.get(namespace);
    if (map == null) {
      map = new HashMap<>();
      table.put(namespace, map);
    }
    return map;
  }

  private <T> Iterable<T> view(Function<Map<UK, UV>, Collection<T>> viewOf) {
    N namespace = namespace();
    Map<UK, UV> map = table.get(namespace);
    if (map == null) {
      return Collections.emptyList();
    }
    return new EntryRemovingIterable<>(viewOf.apply(map), map, table.entryRemover(namespace, map));
  }
}
