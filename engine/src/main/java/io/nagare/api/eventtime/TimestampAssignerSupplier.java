package io.nagare.api.eventtime;

import java.io.Serializable;

/** Creates a {@link TimestampAssigner} in each subtask. */
@FunctionalInterface
public interface TimestampAssignerSupplier<T> extends Serializable {
  TimestampAssigner<T> createTimestampAssigner();

  /** A supplier handing out {@code assigner} itself (it is stateless or cheap to share). */
  static <T> TimestampAssignerSupplier<T> of(SerializableTimestampAssigner<T> assigner) {
    return () -> assigner;
  }
}
