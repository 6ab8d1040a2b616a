package io.nagare.api.state;

/** One value per key, combined with each added element by the descriptor's reduce function. */
public interface ReducingState<T> extends AppendingState<T, T> {}
