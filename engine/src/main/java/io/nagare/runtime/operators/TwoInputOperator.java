package io.nagare.runtime.operators;

/**
 * An operator with two logical inputs, fed by its task: records of input 0 go to {@link
 * #processElement1}, of input 1 to {@link #processElement2}. Watermarks of both inputs are combined
 * by the task (the minimum) and arrive through {@link AbstractStreamOperator#processWatermark}. A
 * two-input operator always heads its chain. Subtask thread only.
 */
public interface TwoInputOperator<IN1, IN2> {
  void processElement1(IN1 record, long timestamp);

  void processElement2(IN2 record, long timestamp);
}
