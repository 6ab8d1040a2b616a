package io.nagare.api.transformations;

import io.nagare.api.functions.KeySelector;
import io.nagare.api.typeinfo.TypeInformation;
import java.util.List;

/**
 * Applies an operator to two inputs (connected streams, joins, broadcast connections). Keyed when
 * both inputs carry key selectors of the same key type; with a broadcast second input only the
 * first is keyed.
 */
public final class TwoInputTransformation<IN1, IN2, OUT> extends Transformation<OUT> {
  private final Transformation<IN1> input1;
  private final Transformation<IN2> input2;
  private final OperatorSpec operator;
  private KeySelector<IN1, ?> stateKeySelector1;
  private KeySelector<IN2, ?> stateKeySelector2;
  private TypeInformation<?> stateKeyType;

  public TwoInputTransformation(Transformation<IN1> input1, Transformation<IN2> input2, String name,
      OperatorSpec operator, TypeInformation<OUT> outputType, int parallelism) {
    super(name, outputType, parallelism);
    this.input1 = input1;
    this.input2 = input2;
    this.operator = operator;
  }

  public Transformation<IN1> getInput1() {
    return input1;
  }

  public Transformation<IN2> getInput2() {
    return input2;
  }

  public OperatorSpec getOperator() {
    return operator;
  }

  /** Makes this a keyed operator; {@code keySelector2} is null when the second input is broadcast. */
  public void setStateKeys(KeySelector<IN1, ?> keySelector1, KeySelector<IN2, ?> keySelector2,
      TypeInformation<?> keyType) {
    this.stateKeySelector1 = keySelector1;
    this.stateKeySelector2 = keySelector2;
    this.stateKeyType = keyType;
  }

  public KeySelector<IN1, ?> getStateKeySelector1() {
    return stateKeySelector1;
  }

  public KeySelector<IN2, ?> getStateKeySelector2() {
    return stateKeySelector2;
  }

  public TypeInformation<?> getStateKeyType() {
    return stateKeyType;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input1, input2);
  }
}
