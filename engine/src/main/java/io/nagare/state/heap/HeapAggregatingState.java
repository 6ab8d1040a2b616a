package io.nagare.state.heap;

import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.state.AggregatingState;
import io.nagare.state.InternalAppendingState;

/**
 * {@link AggregatingState} on the heap: the stored value is the accumulator, created by the
 * descriptor's {@link AggregateFunction} on the first add; {@link #get()} returns its result, or
 * null if nothing was added. Null inputs are rejected.
 *
 * <p>Owned by the subtask's thread.
 *
 * @param <K> key type
 * @param <N> namespace type
 * @param <IN> input type
 * @param <ACC> accumulator type
 * @param <OUT> result type
 */
final class HeapAggregatingState<K, N, IN, ACC, OUT> extends AbstractHeapMergingState<K, N, ACC>
    implements AggregatingState<IN, OUT>, InternalAppendingState<N, IN> {
  private final AggregateFunction<IN, ACC, OUT> aggregateFunction;
  private final StateTransformation<ACC, IN> aggregate;

  HeapAggregatingState(StateTable<K, N, ACC> table, N initialNamespace, AggregateFunction<IN, ACC, OUT> aggregateFunction) {
    super(table, initialNamespace);
    this.aggregateFunction = aggregateFunction;
    this.aggregate = (accumulator, value) -> checkAccumulator(
        aggregateFunction.add(value, accumulator != null ? accumulator : aggregateFunction.createAccumulator()), "add");
  }

  @Override
  public OUT get() {
    ACC accumulator = table.get(namespace());
    return accumulator == null ? null : aggregateFunction.getResult(accumulator);
  }

  @Override
  public void add(IN value) throws Exception {
    addAndReportCreated(value);
  }

  @Override
  public boolean addAndReportCreated(IN value) throws Exception {
    if (value == null) {
      throw nullRejected("null values");
    }
    return table.transform(namespace(), value, aggregate);
  }

  @Override
  ACC merge(ACC first, ACC second) {
    return checkAccumulator(aggregateFunction.merge(first, second), "merge");
  }

  private ACC checkAccumulator(ACC accumulator, String method) {
    if (accumulator == null) {
      throw new IllegalStateException("The aggregate function of keyed state '" + getName() + "' returned a null"
          + " accumulator from " + method + "()");
    }
    return accumulator;
  }
}
