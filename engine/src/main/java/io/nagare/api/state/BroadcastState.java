package io.nagare.api.state;

import java.util.Map;

/**
 * A map replicated on every parallel instance of a broadcast operator, written from broadcast
 * elements. Write only what every instance would write the same way, so the copies stay equal.
 */
public interface BroadcastState<K, V> extends ReadOnlyBroadcastState<K, V> {
  void put(K key, V value) throws Exception;

  void putAll(Map<K, V> map) throws Exception;

  void remove(K key) throws Exception;

  /** A modifiable view of the entries. */
  Iterable<Map.Entry<K, V>> entries() throws Exception;
}
