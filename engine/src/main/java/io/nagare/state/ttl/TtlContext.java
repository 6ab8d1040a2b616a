package io.nagare.state.ttl;

import io.nagare.api.state.State;
import io.nagare.api.state.StateDescriptor;
import java.util.function.UnaryOperator;

/** What the time-to-live wrappers need from the backend that holds the state. Subtask thread only. */
public interface TtlContext {
  /** Registers the underlying state (of {@link TtlValue}s) under the descriptor's name. */
  <S extends State> S createInner(StateDescriptor<S, ?> descriptor);

  /** The current processing time, in milliseconds. */
  long now();

  /** Examines up to {@code maxEntries} entries of state {@code name}, replacing each by {@code filter}'s result (null removes it). */
  void cleanupIncrementally(String name, int maxEntries, UnaryOperator<Object> filter);
}
