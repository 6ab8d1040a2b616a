package io.nagare.runtime.operators;

import io.nagare.api.functions.CoMapFunction;

/** Applies a {@link CoMapFunction}; each result keeps its input's timestamp. */
public final class CoMapOperator<IN1, IN2, OUT> extends AbstractUdfOperator<OUT, CoMapFunction<IN1, IN2, OUT>>
    implements TwoInputOperator<IN1, IN2> {
  public CoMapOperator(CoMapFunction<IN1, IN2, OUT> function) {
    super(function);
  }

  @Override
  public void processElement1(IN1 record, long timestamp) {
    recordsIn++;
    OUT result;
    try {
      result = userFunction.map1(record);
    } catch (Exception e) {
      throw failure(e);
    }
    emit(result, timestamp);
  }

  @Override
  public void processElement2(IN2 record, long timestamp) {
    recordsIn++;
    OUT result;
    try {
      result = userFunction.map2(record);
    } catch (Exception e) {
      throw failure(e);
    }
    emit(result, timestamp);
  }

  private void emit(OUT result, long timestamp) {
    if (result == null) {
      throw nullRecord();
    }
    output.collect(result, timestamp);
  }
}
