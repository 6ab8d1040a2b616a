package io.nagare.api.datastream;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.CoFlatMapFunction;
import io.nagare.api.functions.CoMapFunction;
import io.nagare.api.functions.CoProcessFunction;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.functions.KeyedCoProcessFunction;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.transformations.TwoInputTransformation;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;

/**
 * Two streams, possibly of different types, processed together by one operator that sees each
 * input's elements through its own method and may share state between them. Key both ({@link
 * #keyBy}) to get keyed state and timers shared by both inputs for each key.
 *
 * @param <IN1> first input's type
 * @param <IN2> second input's type
 */
public class ConnectedStreams<IN1, IN2> {
  private final StreamExecutionEnvironment environment;
  private final DataStream<IN1> first;
  private final DataStream<IN2> second;

  ConnectedStreams(StreamExecutionEnvironment environment, DataStream<IN1> first, DataStream<IN2> second) {
    this.environment = environment;
    this.first = first;
    this.second = second;
  }

  public DataStream<IN1> getFirstInput() {
    return first;
  }

  public DataStream<IN2> getSecondInput() {
    return second;
  }

  /**
   * Keys both inputs; the selectors must return keys of the same type, and equal keys meet in the
   * same subtask.
   */
  public <K> ConnectedStreams<IN1, IN2> keyBy(KeySelector<IN1, K> key1, KeySelector<IN2, K> key2) {
    return keyBy(key1, key2, TypeExtractor.getParameterType(key1, KeySelector.class, 1, true));
  }

  /** {@link #keyBy(KeySelector, KeySelector)} with the key type given (for lambdas whose type is erased). */
  public <K> ConnectedStreams<IN1, IN2> keyBy(KeySelector<IN1, K> key1, KeySelector<IN2, K> key2,
      TypeInformation<K> keyType) {
    return new ConnectedStreams<>(environment, first.keyBy(key1, keyType), second.keyBy(key2, keyType));
  }

  public <R> SingleOutputStreamOperator<R> map(CoMapFunction<IN1, IN2, R> mapper) {
    return map(mapper, TypeExtractor.getParameterType(mapper, CoMapFunction.class, 2, false));
  }

  public <R> SingleOutputStreamOperator<R> map(CoMapFunction<IN1, IN2, R> mapper, TypeInformation<R> outputType) {
    return transform("Co-Map", new OperatorSpec(OperatorSpec.Kind.CO_MAP, mapper), outputType);
  }

  public <R> SingleOutputStreamOperator<R> flatMap(CoFlatMapFunction<IN1, IN2, R> flatMapper) {
    return flatMap(flatMapper, TypeExtractor.getParameterType(flatMapper, CoFlatMapFunction.class, 2, false));
  }

  public <R> SingleOutputStreamOperator<R> flatMap(CoFlatMapFunction<IN1, IN2, R> flatMapper,
      TypeInformation<R> outputType) {
    return transform("Co-Flat Map", new OperatorSpec(OperatorSpec.Kind.CO_FLAT_MAP, flatMapper), outputType);
  }

  public <R> SingleOutputStreamOperator<R> process(CoProcessFunction<IN1, IN2, R> function) {
    return process(function, TypeExtractor.getParameterType(function, CoProcessFunction.class, 2, false));
  }

  public <R> SingleOutputStreamOperator<R> process(CoProcessFunction<IN1, IN2, R> function,
      TypeInformation<R> outputType) {
    return transform("Co-Process", new OperatorSpec(OperatorSpec.Kind.CO_PROCESS, function), outputType);
  }

  /**
   * Processes keyed connected streams with keyed state and timers.
   *
   * @throws IllegalStateException if the inputs are not both keyed
   */
  public <K, R> SingleOutputStreamOperator<R> process(KeyedCoProcessFunction<K, IN1, IN2, R> function) {
    return process(function, TypeExtractor.getParameterType(function, KeyedCoProcessFunction.class, 3, false));
  }

  public <K, R> SingleOutputStreamOperator<R> process(KeyedCoProcessFunction<K, IN1, IN2, R> function,
      TypeInformation<R> outputType) {
    if (!(first instanceof KeyedStream) || !(second instanceof KeyedStream)) {
      throw new IllegalStateException("A KeyedCoProcessFunction needs both connected streams keyed: call"
          + " keyBy(key1, key2) on the connected streams (or connect two keyed streams)");
    }
    return transform("Keyed Co-Process", new OperatorSpec(OperatorSpec.Kind.KEYED_CO_PROCESS, function), outputType);
  }

  private <R> SingleOutputStreamOperator<R> transform(String name, OperatorSpec operator, TypeInformation<R> type) {
    TwoInputTransformation<IN1, IN2, R> t = new TwoInputTransformation<>(first.getTransformation(),
        second.getTransformation(), name, operator, type, -1);
    if (first instanceof KeyedStream && second instanceof KeyedStream) {
      KeyedStream<IN1, ?> k1 = (KeyedStream<IN1, ?>) first;
      KeyedStream<IN2, ?> k2 = (KeyedStream<IN2, ?>) second;
      if (!k1.getKeyType().equals(k2.getKeyType())) {
        throw new IllegalArgumentException("Connected keyed streams need keys of one type, not " + k1.getKeyType()
            + " and " + k2.getKeyType());
      }
      t.setStateKeys(k1.getKeySelector(), k2.getKeySelector(), k1.getKeyType());
    }
    environment.addOperator(t);
    return new SingleOutputStreamOperator<>(environment, t);
  }
}
