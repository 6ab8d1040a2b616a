package io.nagare.state;

/**
 * An appending state (list, reducing, aggregating) that can tell whether an add created the
 * current key's value in the current namespace: the window operator registers a window's timers
 * only once per key and window with it, instead of looking them up on every element.
 *
 * @param <N> namespace type
 * @param <IN> added value type
 */
public interface InternalAppendingState<N, IN> extends InternalKvState<N> {
  /** Adds {@code value}; returns true if there was no value before (the add created the entry). */
  boolean addAndReportCreated(IN value) throws Exception;
}
