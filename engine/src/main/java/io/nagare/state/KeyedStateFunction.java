package io.nagare.state;

import io.nagare.api.state.State;

/**
 * A function applied to the state of every key, with that key made current; see {@code
 * HeapKeyedStateBackend#applyToAllKeys}. It may read, update and clear the state.
 *
 * @param <K> key type
 * @param <S> state handle type
 */
@FunctionalInterface
public interface KeyedStateFunction<K, S extends State> {
  void process(K key, S state) throws Exception;
}
