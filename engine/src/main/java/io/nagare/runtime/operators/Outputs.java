package io.nagare.runtime.operators;

import java.util.List;

/** Combines the outputs an operator emits to. */
public final class Outputs {
  private Outputs() {}

  /** One output for all of {@code outputs}: itself if single, a discarding one if none. */
  @SuppressWarnings("unchecked")
  public static <T> Output<T> of(List<Output<T>> outputs) {
    if (outputs.isEmpty()) {
      return new DiscardingOutput<>();
    }
    if (outputs.size() == 1) {
      return outputs.get(0);
    }
    return new BroadcastingOutput<>(outputs.toArray(new Output[0]));
  }
}
