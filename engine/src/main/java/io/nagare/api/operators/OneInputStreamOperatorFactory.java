package io.nagare.api.operators;

import java.io.Serializable;

/**
 * Creates a {@link OneInputStreamOperator} per subtask. The factory is serialised with the job;
 * {@link #createOperator()} runs on each subtask's thread, so the operator itself need not be
 * serialisable.
 *
 * @param <IN> input type
 * @param <OUT> output type
 */
@FunctionalInterface
public interface OneInputStreamOperatorFactory<IN, OUT> extends Serializable {
  OneInputStreamOperator<IN, OUT> createOperator() throws Exception;
}
