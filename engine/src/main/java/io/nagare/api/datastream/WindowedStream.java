package io.nagare.api.datastream;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.AggregateFunction;
import io.nagare.api.functions.ProcessWindowFunction;
import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.transformations.OneInputTransformation;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.transformations.WindowSettings;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.assigners.WindowAssigner;
import io.nagare.api.windowing.evictors.Evictor;
import io.nagare.api.windowing.triggers.Trigger;
import io.nagare.api.windowing.windows.Window;
import java.time.Duration;

/**
 * A keyed stream cut into windows: configure the trigger, evictor and lateness, then say what a
 * window computes. {@code reduce} and {@code aggregate} keep one value per key and window and
 * update it as elements arrive; {@code process} keeps the elements and sees them all when the
 * window fires. An evictor makes every variant keep the elements.
 *
 * @param <T> element type
 * @param <K> key type
 * @param <W> window type
 */
public class WindowedStream<T, K, W extends Window> {
  private final KeyedStream<T, K> input;
  private final WindowAssigner<? super T, W> assigner;
  private Trigger<? super T, ? super W> trigger;
  private Evictor<? super T, ? super W> evictor;
  private long allowedLateness;
  private OutputTag<T> lateDataTag;
  private int parallelism = -1;
  private String name;

  @SuppressWarnings("unchecked")
  WindowedStream(KeyedStream<T, K> input, WindowAssigner<? super T, W> assigner) {
    this.input = input;
    this.assigner = assigner;
    this.trigger = (Trigger<? super T, ? super W>) assigner.getDefaultTrigger();
  }

  /** Replaces the assigner's default trigger. */
  public WindowedStream<T, K, W> trigger(Trigger<? super T, ? super W> trigger) {
    if (assigner instanceof io.nagare.api.windowing.assigners.MergingWindowAssigner && !trigger.canMerge()) {
      throw new IllegalArgumentException("Trigger " + trigger + " cannot be used with merging windows ("
          + assigner + "): it does not support merging");
    }
    this.trigger = trigger;
    return this;
  }

  /** Removes elements before and/or after the window function runs; windows then keep their elements. */
  public WindowedStream<T, K, W> evictor(Evictor<? super T, ? super W> evictor) {
    this.evictor = evictor;
    return this;
  }

  /**
   * Keeps event-time windows (and fires them again for late elements) until the watermark passes
   * their end plus {@code lateness}; after that their state is removed and later elements are late.
   */
  public WindowedStream<T, K, W> allowedLateness(Duration lateness) {
    if (lateness.isNegative()) {
      throw new IllegalArgumentException("The allowed lateness must not be negative, not " + lateness);
    }
    this.allowedLateness = lateness.toMillis();
    return this;
  }

  /** Sends elements too late for every window to side output {@code tag} instead of dropping them. */
  public WindowedStream<T, K, W> sideOutputLateData(OutputTag<T> tag) {
    this.lateDataTag = tag;
    return this;
  }

  WindowedStream<T, K, W> forceParallelism(int parallelism, String name) {
    this.parallelism = parallelism;
    this.name = name;
    return this;
  }

  /** Keeps one running reduction per key and window and emits it when the window fires. */
  public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> reducer) {
    return reduce(reducer, new WindowFunctions.PassThrough<>(), input.getType());
  }

  /** Keeps one running reduction per key and window; {@code function} turns it into the output. */
  public <R> SingleOutputStreamOperator<R> reduce(ReduceFunction<T> reducer, ProcessWindowFunction<T, R, K, W> function) {
    return reduce(reducer, function, TypeExtractor.getParameterType(function, ProcessWindowFunction.class, 1, false));
  }

  public <R> SingleOutputStreamOperator<R> reduce(ReduceFunction<T> reducer, ProcessWindowFunction<T, R, K, W> function,
      TypeInformation<R> outputType) {
    WindowSettings.Contents contents = evictor == null ? WindowSettings.Contents.REDUCE : WindowSettings.Contents.LIST;
    return build("Window(Reduce)", function, outputType, contents, reducer, null, input.getType());
  }

  /** Keeps one accumulator per key and window and emits its result when the window fires. */
  public <ACC, V> SingleOutputStreamOperator<V> aggregate(AggregateFunction<T, ACC, V> aggregate) {
    TypeInformation<ACC> accType = TypeExtractor.getParameterType(aggregate, AggregateFunction.class, 1, false);
    TypeInformation<V> resultType = TypeExtractor.getParameterType(aggregate, AggregateFunction.class, 2, false);
    return aggregate(aggregate, new WindowFunctions.PassThrough<>(), accType, resultType);
  }

  /** Keeps one accumulator per key and window; {@code function} turns its result into the output. */
  public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(AggregateFunction<T, ACC, V> aggregate,
      ProcessWindowFunction<V, R, K, W> function) {
    TypeInformation<ACC> accType = TypeExtractor.getParameterType(aggregate, AggregateFunction.class, 1, false);
    return aggregate(aggregate, function, accType,
        TypeExtractor.getParameterType(function, ProcessWindowFunction.class, 1, false));
  }

  public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(AggregateFunction<T, ACC, V> aggregate,
      ProcessWindowFunction<V, R, K, W> function, TypeInformation<ACC> accumulatorType, TypeInformation<R> outputType) {
    if (evictor != null) {
      return build("Window(Aggregate)", function, outputType, WindowSettings.Contents.LIST, null, aggregate,
          input.getType());
    }
    return build("Window(Aggregate)", function, outputType, WindowSettings.Contents.AGGREGATE, null, aggregate,
        accumulatorType);
  }

  /** Keeps the elements of each key and window and hands them all to {@code function} when it fires. */
  public <R> SingleOutputStreamOperator<R> process(ProcessWindowFunction<T, R, K, W> function) {
    return process(function, TypeExtractor.getParameterType(function, ProcessWindowFunction.class, 1, false));
  }

  public <R> SingleOutputStreamOperator<R> process(ProcessWindowFunction<T, R, K, W> function,
      TypeInformation<R> outputType) {
    return build("Window(Process)", function, outputType, WindowSettings.Contents.LIST, null, null, input.getType());
  }

  /** Rolling sum of tuple field {@code position} per window. */
  public SingleOutputStreamOperator<T> sum(int position) {
    return reduce(new FieldAggregator<>(FieldAggregator.Kind.SUM, FieldAccessor.of(input.getType(), position)));
  }

  public SingleOutputStreamOperator<T> sum(String field) {
    return reduce(new FieldAggregator<>(FieldAggregator.Kind.SUM, FieldAccessor.of(input.getType(), field)));
  }

  public SingleOutputStreamOperator<T> min(int position) {
    return reduce(new FieldAggregator<>(FieldAggregator.Kind.MIN, FieldAccessor.of(input.getType(), position)));
  }

  public SingleOutputStreamOperator<T> max(int position) {
    return reduce(new FieldAggregator<>(FieldAggregator.Kind.MAX, FieldAccessor.of(input.getType(), position)));
  }

  private <R> SingleOutputStreamOperator<R> build(String operatorName, ProcessWindowFunction<?, R, K, W> function,
      TypeInformation<R> outputType, WindowSettings.Contents contents, ReduceFunction<T> reducer,
      AggregateFunction<T, ?, ?> aggregate, TypeInformation<?> stateType) {
    WindowSettings settings = new WindowSettings(assigner, trigger, evictor, allowedLateness, lateDataTag, contents,
        reducer, aggregate, stateType);
    OneInputTransformation<T, R> t = new OneInputTransformation<>(input.getTransformation(),
        name != null ? name : operatorName, new OperatorSpec(OperatorSpec.Kind.WINDOW, function, settings),
        outputType, parallelism);
    t.setStateKey(input.getKeySelector(), input.getKeyType());
    input.getExecutionEnvironment().addOperator(t);
    return new SingleOutputStreamOperator<>(input.getExecutionEnvironment(), t);
  }
}
