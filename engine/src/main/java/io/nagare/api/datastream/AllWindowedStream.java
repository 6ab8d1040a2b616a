package io.nagare.api.datastream;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.functions.ProcessAllWindowFunction;
import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.typeinfo.Types;
import io.nagare.api.windowing.assigners.WindowAssigner;
import io.nagare.api.windowing.evictors.Evictor;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.windows.Window;
import java.time.Duration;

/**
 * Windows over a whole stream, not per key ({@code windowAll}): one subtask sees every element, so
 * the window operator runs with parallelism 1. Built on a keyed window with a constant key.
 *
 * @param <T> element type
 * @param <W> window type
 */
public class AllWindowedStream<T, W extends Window> {
  private final WindowedStream<T, Integer, W> windowed;

  AllWindowedStream(DataStream<T> input, WindowAssigner<? super T, W> assigner) {
    KeyedStream<T, Integer> all = input.keyBy(new ConstantKey<>(), Types.INT);
    this.windowed = new WindowedStream<>(all, assigner).forceParallelism(1, null);
  }

  /** Every element has key 0. */
  private static final class ConstantKey<T> implements io.nagare.api.functions.KeySelector<T, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer getKey(T value) {
      return 0;
    }
  }

  public AllWindowedStream<T, W> trigger(Trigger<? super T, ? super W> trigger) {
    windowed.trigger(trigger);
    return this;
  }

  public AllWindowedStream<T, W> evictor(Evictor<? super T, ? super W> evictor) {
    windowed.evictor(evictor);
    return this;
  }

  public AllWindowedStream<T, W> allowedLateness(Duration lateness) {
    windowed.allowedLateness(lateness);
    return this;
  }

  public AllWindowedStream<T, W> sideOutputLateData(OutputTag<T> tag) {
    windowed.sideOutputLateData(tag);
    return this;
  }

  public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> reducer) {
    return windowed.reduce(reducer);
  }

  public <R> SingleOutputStreamOperator<R> reduce(ReduceFunction<T> reducer, ProcessAllWindowFunction<T, R, W> function) {
    return windowed.reduce(reducer, new WindowFunctions.AllWindowAdapter<>(function),
        TypeExtractor.getParameterType(function, ProcessAllWindowFunction.class, 1, false));
  }

  public <ACC, V> SingleOutputStreamOperator<V> aggregate(AggregateFunction<T, ACC, V> aggregate) {
    return windowed.aggregate(aggregate);
  }

  public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(AggregateFunction<T, ACC, V> aggregate,
      ProcessAllWindowFunction<V, R, W> function) {
    TypeInformation<ACC> accType = TypeExtractor.getParameterType(aggregate, AggregateFunction.class, 1, false);
    return windowed.aggregate(aggregate, new WindowFunctions.AllWindowAdapter<>(function), accType,
        TypeExtractor.getParameterType(function, ProcessAllWindowFunction.class, 1, false));
  }

  public <R> SingleOutputStreamOperator<R> process(ProcessAllWindowFunction<T, R, W> function) {
    return process(function, TypeExtractor.getParameterType(function, ProcessAllWindowFunction.class, 1, false));
  }

  public <R> SingleOutputStreamOperator<R> process(ProcessAllWindowFunction<T, R, W> function,
      TypeInformation<R> outputType) {
    return windowed.process(new WindowFunctions.AllWindowAdapter<>(function), outputType);
  }

  public SingleOutputStreamOperator<T> sum(int position) {
    return windowed.sum(position);
  }
}
