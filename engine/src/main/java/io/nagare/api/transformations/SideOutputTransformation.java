package io.nagare.api.transformations;

import io.nagare.api.common.OutputTag;
import java.util.List;

/** Selects one side output of its input operator; not an operator itself. */
public final class SideOutputTransformation<T> extends Transformation<T> {
  private final Transformation<?> input;
  private final OutputTag<T> tag;

  public SideOutputTransformation(Transformation<?> input, OutputTag<T> tag) {
    super("SideOutput(" + tag.getId() + ")", tag.getTypeInfo(), input.getParallelism());
    this.input = input;
    this.tag = tag;
  }

  public OutputTag<T> getTag() {
    return tag;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input);
  }
}
