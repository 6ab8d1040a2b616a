package io.nagare.testing;

import io.nagare.api.configuration.Configuration;
import io.nagare.api.functions.KeySelector;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.typeinfo.TypeInformation;
import io.nagare.runtime.operators.AbstractStreamOperator;
import io.nagare.runtime.operators.OperatorFactory;
import io.nagare.runtime.operators.TwoInputOperator;
import java.util.List;

/**
 * Runs one two-input operator by hand (connected streams, interval joins, broadcast connections):
 * feed each input's elements, the combined watermark and processing time, then inspect what it
 * emitted and kept. Everything but the two inputs works as in {@link OneInputOperatorTestHarness}.
 */
public final class TwoInputOperatorTestHarness<IN1, IN2, OUT> {
  private final TwoInputOperator<IN1, IN2> operator;
  private final OneInputOperatorTestHarness<IN1, OUT> core;

  @SuppressWarnings("unchecked")
  private TwoInputOperatorTestHarness(AbstractStreamOperator<Object> operator, KeySelector<IN1, ?> key1,
      KeySelector<IN2, ?> key2, TypeInformation<?> keyType) {
    this.operator = (TwoInputOperator<IN1, IN2>) operator;
    if (key2 != null) {
      operator.setSecondInputKeySelector(key2);
    }
    this.core = new OneInputOperatorTestHarness<>(operator, key1, keyType, 128);
  }

  /** A non-keyed two-input operator. */
  public static <IN1, IN2, OUT> TwoInputOperatorTestHarness<IN1, IN2, OUT> of(OperatorSpec spec,
      TypeInformation<IN1> in1, TypeInformation<IN2> in2) {
    return keyed(spec, in1, in2, null, null, null);
  }

  /** A keyed two-input operator; {@code key2} is null when the second input is broadcast. */
  public static <IN1, IN2, OUT> TwoInputOperatorTestHarness<IN1, IN2, OUT> keyed(OperatorSpec spec,
      TypeInformation<IN1> in1, TypeInformation<IN2> in2, KeySelector<IN1, ?> key1, KeySelector<IN2, ?> key2,
      TypeInformation<?> keyType) {
    return new TwoInputOperatorTestHarness<>(OperatorFactory.create(spec, in1, in2, new Configuration()), key1, key2,
        keyType);
  }

  public void open() throws Exception {
    core.open();
  }

  public void processElement1(IN1 value, long timestamp) throws Exception {
    core.checkOpen();
    operator.processElement1(value, timestamp);
    core.runMails();
  }

  public void processElement2(IN2 value, long timestamp) throws Exception {
    core.checkOpen();
    operator.processElement2(value, timestamp);
    core.runMails();
  }

  /** The watermark both inputs have reached (the task passes the minimum of the two). */
  public void processWatermark(long watermark) throws Exception {
    core.processWatermark(watermark);
  }

  public void setProcessingTime(long time) throws Exception {
    core.setProcessingTime(time);
  }

  public void close() throws Exception {
    core.close();
  }

  public List<OneInputOperatorTestHarness.Emitted> getOutput() {
    return core.getOutput();
  }

  public List<OUT> extractOutputValues() {
    return core.extractOutputValues();
  }

  public void clearOutput() {
    core.clearOutput();
  }

  public int numKeyedStateEntries() {
    return core.numKeyedStateEntries();
  }

  public int numEventTimeTimers() {
    return core.numEventTimeTimers();
  }

  public AbstractStreamOperator<Object> getOperator() {
    return core.getOperator();
  }
}
