package io.nagare.runtime.operators;

import io.nagare.api.common.Accumulator;
import io.nagare.api.functions.RuntimeContext;
import io.nagare.api.functions.TaskInfo;
import io.nagare.api.metrics.MetricGroup;
import io.nagare.api.state.AggregatingState;
import io.nagare.api.state.AggregatingStateDescriptor;
import io.nagare.api.state.ListState;
import io.nagare.api.state.ListStateDescriptor;
import io.nagare.api.state.MapState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReducingState;
import io.nagare.api.state.ReducingStateDescriptor;
import io.nagare.api.state.State;
import io.nagare.api.state.StateDescriptor;
import io.nagare.api.state.ValueState;
import io.nagare.api.state.ValueStateDescriptor;
import java.io.Serializable;
import java.util.function.Supplier;

/** The {@link RuntimeContext} of a function inside an operator. Used on the subtask's thread. */
public final class StreamingRuntimeContext implements RuntimeContext {
  private final OperatorContext context;
  private final Supplier<io.nagare.state.KeyedStateBackend<Object>> backend;

  public StreamingRuntimeContext(OperatorContext context, Supplier<io.nagare.state.KeyedStateBackend<Object>> backend) {
    this.context = context;
    this.backend = backend;
  }

  @Override
  public TaskInfo getTaskInfo() {
    return context.taskInfo();
  }

  @Override
  public MetricGroup getMetricGroup() {
    return context.metricGroup();
  }

  @Override
  public <V, A extends Serializable> void addAccumulator(String name, Accumulator<V, A> accumulator) {
    if (context.accumulators().containsKey(name)) {
      throw new IllegalStateException("An accumulator named '" + name + "' is already registered in this subtask");
    }
    context.accumulators().put(name, accumulator);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V, A extends Serializable> Accumulator<V, A> getAccumulator(String name) {
    return (Accumulator<V, A>) context.accumulators().get(name);
  }

  private <S extends State> S state(StateDescriptor<S, ?> descriptor) {
    io.nagare.state.KeyedStateBackend<Object> b = backend.get();
    if (b == null) {
      throw new IllegalStateException("Keyed state is only available on keyed streams: '" + context.operatorName()
          + "' is not keyed (apply it after keyBy()). State requested: '" + descriptor.getName() + "'");
    }
    return b.getOrCreateKeyedState(descriptor);
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
    return state(descriptor);
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    return state(descriptor);
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return state(descriptor);
  }

  @Override
  public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
    return state(descriptor);
  }

  @Override
  public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
    return state(descriptor);
  }

  @Override
  public ClassLoader getUserCodeClassLoader() {
    return context.userClassLoader();
  }

  @Override
  public boolean isCheckpointingEnabled() {
    return context.checkpointingEnabled();
  }
}
