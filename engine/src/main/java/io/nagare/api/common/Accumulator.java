package io.nagare.api.common;

import java.io.Serializable;

/**
 * A value each subtask adds to locally; when the job ends the subtasks' accumulators are merged
 * into {@link JobExecutionResult#getAccumulatorResult}. Used from the subtask's thread only.
 *
 * @param <V> the type added
 * @param <R> the result type
 */
public interface Accumulator<V, R extends Serializable> extends Serializable {
  void add(V value);

  R getLocalValue();

  void resetLocal();

  /** Adds {@code other}'s value into this one. */
  void merge(Accumulator<V, R> other);

  /** A fresh accumulator holding the same value. */
  Accumulator<V, R> clone();
}
