package io.nagare.state.heap;

import io.nagare.api.state.ValueState;

/**
 * {@link ValueState} on the heap: the stored object itself is returned, and a key without a value
 * reads the descriptor's default. {@code update(null)} removes the entry.
 *
 * <p>Owned by the subtask's thread.
 *
 * @param <K> key type
 * @param <N> namespace type
 * @param <V> value type
 */
final class HeapValueState<K, N, V> extends AbstractHeapState<K, N, V> implements ValueState<V> {
  private final V defaultValue;

  HeapValueState(StateTable<K, N, V> table, N initialNamespace, V defaultValue) {
    super(table, initialNamespace);
    this.defaultValue = defaultValue;
  }

  @Override
  public V value() {
    V value = table.get(namespace());
    return value != null ? value : defaultValue;
  }

  @Override
  public void update(V value) {
    if (value == null) {
      table.remove(namespace());
    } else {
      table.put(namespace(), value);
    }
  }
}
