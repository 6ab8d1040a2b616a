package io.nagare.runtime.operators;

import io.nagare.api.state.BroadcastState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReadOnlyBroadcastState;
import io.nagare.api.transformations.BroadcastStateSettings;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The broadcast states of one broadcast operator subtask: one hash map per declared descriptor.
 * Every subtask receives every broadcast element, so the copies stay equal as long as the function
 * writes deterministically. Subtask thread only.
 */
final class BroadcastStates {
  private final Map<String, MapBroadcastState<?, ?>> states = new LinkedHashMap<>();

  BroadcastStates(BroadcastStateSettings settings) {
    for (MapStateDescriptor<?, ?> d : settings.descriptors()) {
      states.put(d.getName(), new MapBroadcastState<>());
    }
  }

  /**
   * The state declared by {@code descriptor}.
   *
   * @throws IllegalArgumentException naming the descriptor and the declared ones if it was not declared
   */
  @SuppressWarnings("unchecked")
  <K, V> MapBroadcastState<K, V> get(MapStateDescriptor<K, V> descriptor) {
    MapBroadcastState<?, ?> state = states.get(descriptor.getName());
    if (state == null) {
      throw new IllegalArgumentException("Broadcast state '" + descriptor.getName() + "' was not declared in"
          + " broadcast(...); declared: " + states.keySet());
    }
    return (MapBroadcastState<K, V>) state;
  }

  /** A read-only view of {@code state} for the non-broadcast side. */
  static <K, V> ReadOnlyBroadcastState<K, V> readOnly(MapBroadcastState<K, V> state) {
    return new ReadOnlyBroadcastState<>() {
      @Override
      public V get(K key) {
        return state.get(key);
      }

      @Override
      public boolean contains(K key) {
        return state.contains(key);
      }

      @Override
      public Iterable<Map.Entry<K, V>> immutableEntries() {
        return state.immutableEntries();
      }

      @Override
      public void clear() {
        throw new UnsupportedOperationException("Broadcast state is read only on the non-broadcast side: only"
            + " processBroadcastElement may change it, so every parallel instance keeps the same contents");
      }
    };
  }

  /** A broadcast state on the heap. */
  static final class MapBroadcastState<K, V> implements BroadcastState<K, V> {
    private final Map<K, V> map = new HashMap<>();

    @Override
    public V get(K key) {
      return map.get(key);
    }

    @Override
    public boolean contains(K key) {
      return map.containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> immutableEntries() {
      return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public void put(K key, V value) {
      map.put(key, value);
    }

    @Override
    public void putAll(Map<K, V> values) {
      map.putAll(values);
    }

    @Override
    public void remove(K key) {
      map.remove(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() {
      return map.entrySet();
    }

    @Override
    public void clear() {
      map.clear();
    }
  }
}
