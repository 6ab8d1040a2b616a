package io.nagare.api.transformations;

import io.nagare.api.functions.KeySelector;
import io.nagare.api.typeinfo.TypeInformation;
import java.util.List;

/**
 * Applies an operator to one input. On a keyed stream it also carries the key selector and key
 * type, so the operator can scope state and timers to the current key.
 */
public final class OneInputTransformation<IN, OUT> extends Transformation<OUT> {
  private final Transformation<IN> input;
  private final OperatorSpec operator;
  private KeySelector<IN, ?> stateKeySelector;
  private TypeInformation<?> stateKeyType;

  public OneInputTransformation(Transformation<IN> input, String name, OperatorSpec operator,
      TypeInformation<OUT> outputType, int parallelism) {
    super(name, outputType, parallelism);
    this.input = input;
    this.operator = operator;
  }

  public Transformation<IN> getInput() {
    return input;
  }

  public OperatorSpec getOperator() {
    return operator;
  }

  /** Makes this a keyed operator. */
  public void setStateKey(KeySelector<IN, ?> keySelector, TypeInformation<?> keyType) {
    this.stateKeySelector = keySelector;
    this.stateKeyType = keyType;
  }

  /** The key selector if the operator is keyed, else null. */
  public KeySelector<IN, ?> getStateKeySelector() {
    return stateKeySelector;
  }

  public TypeInformation<?> getStateKeyType() {
    return stateKeyType;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input);
  }
}
