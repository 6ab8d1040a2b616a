package io.nagare.api.datastream;

import io.nagare.api.functions.KeyedProcessFunction;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.functions.ReduceFunction;
import io.nagare.api.transformations.OneInputTransformation;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.transformations.PartitionTransformation;
import io.nagare.api.transformations.PartitionerKind;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.api.windowing.assigners.GlobalWindows;
import io.nagare.api.windowing.assigners.WindowAssigner;
import io.nagare.api.windowing.evictors.CountEvictor;
import io.nagare.api.windowing.triggers.CountTrigger;
import io.nagare.api.windowing.triggers.PurgingTrigger;
import io.nagare.api.windowing.windows.GlobalWindow;
import io.nagare.api.windowing.windows.Window;

/**
 * A stream partitioned by key. Operators applied to it are keyed: keyed state and timers belong to
 * the key of the element being processed, and rolling aggregations ({@code reduce}, {@code sum},
 * {@code min}, …) emit the updated aggregate of the element's key for every element.
 *
 * @param <T> element type
 * @param <K> key type
 */
public class KeyedStream<T, K> extends DataStream<T> {
  private final KeySelector<T, K> keySelector;
  private final TypeInformation<K> keyType;

  KeyedStream(DataStream<T> input, KeySelector<T, K> keySelector, TypeInformation<K> keyType) {
    super(input.getExecutionEnvironment(),
        new PartitionTransformation<>(input.getTransformation(), PartitionerKind.HASH, keySelector, keyType));
    this.keySelector = keySelector;
    this.keyType = keyType;
  }

  public KeySelector<T, K> getKeySelector() {
    return keySelector;
  }

  public TypeInformation<K> getKeyType() {
    return keyType;
  }

  @Override
  protected void configureKeyed(OneInputTransformation<T, ?> operator) {
    operator.setStateKey(keySelector, keyType);
  }

  /** Applies a {@link KeyedProcessFunction}: per-element logic with keyed state and timers. */
  public <R> SingleOutputStreamOperator<R> process(KeyedProcessFunction<K, T, R> function) {
    TypeInformation<R> type = TypeExtractor.getParameterType(function, KeyedProcessFunction.class, 2, false);
    return process(function, type);
  }

  public <R> SingleOutputStreamOperator<R> process(KeyedProcessFunction<K, T, R> function, TypeInformation<R> outputType) {
    return transform("KeyedProcess", new OperatorSpec(OperatorSpec.Kind.KEYED_PROCESS, function), outputType);
  }

  /** Cuts this keyed stream into windows of {@code assigner}; equal keys share each window. */
  public <W extends Window> WindowedStream<T, K, W> window(WindowAssigner<? super T, W> assigner) {
    return new WindowedStream<>(this, assigner);
  }

  /** Windows of {@code size} elements per key (each emitted once full, then purged). */
  public WindowedStream<T, K, GlobalWindow> countWindow(long size) {
    return window(GlobalWindows.create()).trigger(PurgingTrigger.of(CountTrigger.<GlobalWindow>of(size)));
  }

  /** Windows of the last {@code size} elements per key, emitted every {@code slide} elements. */
  public WindowedStream<T, K, GlobalWindow> countWindow(long size, long slide) {
    return window(GlobalWindows.create()).evictor(CountEvictor.<GlobalWindow>of(size))
        .trigger(CountTrigger.<GlobalWindow>of(slide));
  }

  /** Starts an event-time interval join with {@code other}, keyed the same way. */
  public <T2> IntervalJoin<T, T2, K> intervalJoin(KeyedStream<T2, K> other) {
    return new IntervalJoin<>(this, other);
  }

  /** Emits, for each element, the reduction of all elements of its key so far. */
  public SingleOutputStreamOperator<T> reduce(ReduceFunction<T> reducer) {
    return transform("Keyed Reduce", new OperatorSpec(OperatorSpec.Kind.KEYED_REDUCE, reducer), getType());
  }

  /** Rolling sum of tuple field {@code position} (or of the element itself if it is a number). */
  public SingleOutputStreamOperator<T> sum(int position) {
    return aggregate(FieldAggregator.Kind.SUM, FieldAccessor.of(getType(), position), "Sum");
  }

  /** Rolling sum of POJO or record field {@code field}. */
  public SingleOutputStreamOperator<T> sum(String field) {
    return aggregate(FieldAggregator.Kind.SUM, FieldAccessor.of(getType(), field), "Sum");
  }

  /** Rolling minimum of field {@code position}; other fields keep the first element's values. */
  public SingleOutputStreamOperator<T> min(int position) {
    return aggregate(FieldAggregator.Kind.MIN, FieldAccessor.of(getType(), position), "Min");
  }

  public SingleOutputStreamOperator<T> min(String field) {
    return aggregate(FieldAggregator.Kind.MIN, FieldAccessor.of(getType(), field), "Min");
  }

  /** Rolling maximum of field {@code position}; other fields keep the first element's values. */
  public SingleOutputStreamOperator<T> max(int position) {
    return aggregate(FieldAggregator.Kind.MAX, FieldAccessor.of(getType(), position), "Max");
  }

  public SingleOutputStreamOperator<T> max(String field) {
    return aggregate(FieldAggregator.Kind.MAX, FieldAccessor.of(getType(), field), "Max");
  }

  /** The element with the smallest field {@code position} so far (the first one on ties). */
  public SingleOutputStreamOperator<T> minBy(int position) {
    return aggregate(FieldAggregator.Kind.MIN_BY, FieldAccessor.of(getType(), position), "MinBy");
  }

  public SingleOutputStreamOperator<T> minBy(String field) {
    return aggregate(FieldAggregator.Kind.MIN_BY, FieldAccessor.of(getType(), field), "MinBy");
  }

  /** The element with the largest field {@code position} so far (the first one on ties). */
  public SingleOutputStreamOperator<T> maxBy(int position) {
    return aggregate(FieldAggregator.Kind.MAX_BY, FieldAccessor.of(getType(), position), "MaxBy");
  }

  public SingleOutputStreamOperator<T> maxBy(String field) {
    return aggregate(FieldAggregator.Kind.MAX_BY, FieldAccessor.of(getType(), field), "MaxBy");
  }

  private SingleOutputStreamOperator<T> aggregate(FieldAggregator.Kind kind, FieldAccessor<T> field, String name) {
    return transform("Keyed " + name, new OperatorSpec(OperatorSpec.Kind.KEYED_REDUCE, new FieldAggregator<>(kind, field)),
        getType());
  }
}
