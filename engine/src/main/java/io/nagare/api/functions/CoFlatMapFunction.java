package io.nagare.api.functions;

/** Like {@link CoMapFunction}, emitting zero or more elements per input element. */
public interface CoFlatMapFunction<IN1, IN2, OUT> extends Function {
  void flatMap1(IN1 value, Collector<OUT> out) throws Exception;

  void flatMap2(IN2 value, Collector<OUT> out) throws Exception;
}
