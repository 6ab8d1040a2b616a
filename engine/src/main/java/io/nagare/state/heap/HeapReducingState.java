package io.nagare.state.heap;

import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.state.ReducingState;
import io.nagare.state.InternalAppendingState;

/**
 * {@link ReducingState} on the heap: the first added value is stored, each later one is combined
 * with it by the descriptor's {@link ReduceFunction}. Null values are rejected.
 *
 * <p>Owned by the subtask's thread.
 *
 * @param <K> key type
 * @param <N> namespace type
 * @param <V> value type
 */
final class HeapReducingState<K, N, V> extends AbstractHeapMergingState<K, N, V>
    implements ReducingState<V>, InternalAppendingState<N, V> {
  private final ReduceFunction<V> reduceFunction;
  private final StateTransformation<V, V> reduce = (previous, value) -> previous == null ? value : merge(previous, value);

  HeapReducingState(StateTable<K, N, V> table, N initialNamespace, ReduceFunction<V> reduceFunction) {
    super(table, initialNamespace);
    this.reduceFunction = reduceFunction;
  }

  @Override
  public V get() {
    return table.get(namespace());
  }

  @Override
  public void add(V value) throws Exception {
    addAndReportCreated(value);
  }

  @Override
  public boolean addAndReportCreated(V value) throws Exception {
    if (value == null) {
      throw nullRejected("null values");
    }
    return table.transform(namespace(), value, reduce);
  }

  @Override
  V merge(V first, V second) throws Exception {
    V reduced = reduceFunction.reduce(first, second);
    if (reduced == null) {
      throw new IllegalStateException("The reduce function of keyed state '" + getName() + "' returned null");
    }
    return reduced;
  }
}
