package io.nagare.api.state;

/**
 * An accumulator per key, updated with each added element by the descriptor's aggregate function;
 * {@link #get()} returns the aggregate's result.
 */
public interface AggregatingState<IN, OUT> extends AppendingState<IN, OUT> {}
