package io.nagare.api.datastream;

import io.nagare.api.environment.StreamExecutionEnvironment;
import io.nagare.api.functions.BroadcastProcessFunction;
import io.nagare.api.functions.KeyedBroadcastProcessFunction;
import io.nagare.api.transformations.BroadcastStateSettings;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.transformations.TwoInputTransformation;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;

/**
 * A stream (keyed or not) connected with a {@link BroadcastStream}: the broadcast elements reach
 * every parallel instance and update its broadcast state; the other stream's elements read it.
 *
 * @param <IN1> the non-broadcast stream's type
 * @param <IN2> the broadcast stream's type
 */
public final class BroadcastConnectedStream<IN1, IN2> {
  private final StreamExecutionEnvironment environment;
  private final DataStream<IN1> nonBroadcast;
  private final BroadcastStream<IN2> broadcast;

  BroadcastConnectedStream(StreamExecutionEnvironment environment, DataStream<IN1> nonBroadcast,
      BroadcastStream<IN2> broadcast) {
    this.environment = environment;
    this.nonBroadcast = nonBroadcast;
    this.broadcast = broadcast;
  }

  /**
   * Processes a non-keyed stream with the broadcast one.
   *
   * @throws IllegalStateException if the non-broadcast stream is keyed (use a KeyedBroadcastProcessFunction)
   */
  public <R> SingleOutputStreamOperator<R> process(BroadcastProcessFunction<IN1, IN2, R> function) {
    return process(function, TypeExtractor.getParameterType(function, BroadcastProcessFunction.class, 2, false));
  }

  public <R> SingleOutputStreamOperator<R> process(BroadcastProcessFunction<IN1, IN2, R> function,
      TypeInformation<R> outputType) {
    if (nonBroadcast instanceof KeyedStream) {
      throw new IllegalStateException("A keyed stream connected with a broadcast stream needs a"
          + " KeyedBroadcastProcessFunction, not a BroadcastProcessFunction");
    }
    return transform("Broadcast Process", new OperatorSpec(OperatorSpec.Kind.BROADCAST_PROCESS, function,
        settings()), outputType);
  }

  /**
   * Processes a keyed stream with the broadcast one: keyed state and timers on the keyed side.
   *
   * @throws IllegalStateException if the non-broadcast stream is not keyed
   */
  public <K, R> SingleOutputStreamOperator<R> process(KeyedBroadcastProcessFunction<K, IN1, IN2, R> function) {
    return process(function, TypeExtractor.getParameterType(function, KeyedBroadcastProcessFunction.class, 3, false));
  }

  public <K, R> SingleOutputStreamOperator<R> process(KeyedBroadcastProcessFunction<K, IN1, IN2, R> function,
      TypeInformation<R> outputType) {
    if (!(nonBroadcast instanceof KeyedStream)) {
      throw new IllegalStateException("A KeyedBroadcastProcessFunction needs a keyed stream: call keyBy() before"
          + " connect(broadcastStream)");
    }
    return transform("Keyed Broadcast Process", new OperatorSpec(OperatorSpec.Kind.KEYED_BROADCAST_PROCESS, function,
        settings()), outputType);
  }

  private BroadcastStateSettings settings() {
    return new BroadcastStateSettings(broadcast.getBroadcastStateDescriptors());
  }

  private <R> SingleOutputStreamOperator<R> transform(String name, OperatorSpec operator, TypeInformation<R> type) {
    TwoInputTransformation<IN1, IN2, R> t = new TwoInputTransformation<>(nonBroadcast.getTransformation(),
        broadcast.getTransformation(), name, operator, type, -1);
    if (nonBroadcast instanceof KeyedStream) {
      KeyedStream<IN1, ?> keyed = (KeyedStream<IN1, ?>) nonBroadcast;
      t.setStateKeys(keyed.getKeySelector(), null, keyed.getKeyType());
    }
    environment.addOperator(t);
    return new SingleOutputStreamOperator<>(environment, t);
  }
}
