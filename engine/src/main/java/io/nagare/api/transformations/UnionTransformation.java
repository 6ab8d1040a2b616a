package io.nagare.api.transformations;

import java.util.List;

/** Merges streams of the same type; not an operator itself. */
public final class UnionTransformation<T> extends Transformation<T> {
  private final List<Transformation<T>> inputs;

  public UnionTransformation(List<Transformation<T>> inputs) {
    super("Union", inputs.get(0).getOutputType(), inputs.get(0).getParallelism());
    this.inputs = List.copyOf(inputs);
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.copyOf(inputs);
  }
}
