package io.nagare.api.state;

import java.util.Map;

/**
 * Broadcast state as the non-broadcast side sees it: read only, so every parallel instance keeps
 * the same contents (only broadcast elements, which every instance receives, may change it).
 */
public interface ReadOnlyBroadcastState<K, V> extends State {
  V get(K key) throws Exception;

  boolean contains(K key) throws Exception;

  /** An unmodifiable view of the entries. */
  Iterable<Map.Entry<K, V>> immutableEntries() throws Exception;
}
