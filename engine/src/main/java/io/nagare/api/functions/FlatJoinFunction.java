package io.nagare.api.functions;

/** Like {@link JoinFunction}, emitting zero or more elements per pair. */
@FunctionalInterface
public interface FlatJoinFunction<IN1, IN2, OUT> extends Function {
  void join(IN1 first, IN2 second, Collector<OUT> out) throws Exception;
}
