package io.nagare.runtime.operators;

import io.nagare.api.functions.CoFlatMapFunction;

/** Applies a {@link CoFlatMapFunction}; results keep their input's timestamp. */
public final class CoFlatMapOperator<IN1, IN2, OUT> extends AbstractUdfOperator<OUT, CoFlatMapFunction<IN1, IN2, OUT>>
    implements TwoInputOperator<IN1, IN2> {
  private TimestampedCollector<OUT> collector;

  public CoFlatMapOperator(CoFlatMapFunction<IN1, IN2, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(this);
  }

  @Override
  public void processElement1(IN1 record, long timestamp) {
    recordsIn++;
    collector.setTimestamp(timestamp);
    try {
      userFunction.flatMap1(record, collector);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  @Override
  public void processElement2(IN2 record, long timestamp) {
    recordsIn++;
    collector.setTimestamp(timestamp);
    try {
      userFunction.flatMap2(record, collector);
    } catch (Exception e) {
      throw failure(e);
    }
  }
}
