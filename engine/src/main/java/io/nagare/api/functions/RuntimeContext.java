package io.nagare.api.functions;

import io.nagare.api.common.Accumulator;
import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.state.AggregatingState;
import io.nagare.api.state.AggregatingStateDescriptor;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.MapState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReducingState;
import io.nagare.api.state.ReducingStateDescriptor;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;

/**
 * What a rich function can reach of the subtask running it: its position, metrics, accumulators
 * and (on a keyed stream) keyed state. Keyed state handles are bound to the key of the element
 * being processed; obtain them in {@code open} and keep them in transient fields.
 */
public interface RuntimeContext {
  TaskInfo getTaskInfo();

  /** Metrics scoped to this operator and subtask. */
  MetricGroup getMetricGroup();

  /**
   * Registers an accumulator under {@code name}; the job result merges the subtasks' values.
   *
   * @throws IllegalStateException if the name is already taken in this subtask
   */
  <V, A extends java.io.Serializable> void addAccumulator(String name, Accumulator<V, A> accumulator);

  /** The accumulator registered under {@code name} in this subtask, or null. */
  <V, A extends java.io.Serializable> Accumulator<V, A> getAccumulator(String name);

  <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

  <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

  <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);

  <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor);

  <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor);

  /** The class loader holding the job's classes. */
  ClassLoader getUserCodeClassLoader();

  /**
   * True if the job takes periodic checkpoints. Then, once the input has ended, a checkpoint
   * holding the subtask's final state completes before the subtask ends, and {@code
   * notifyCheckpointComplete} is called for it: the moment an exactly-once sink commits its last
   * transaction.
   */
  boolean isCheckpointingEnabled();
}
