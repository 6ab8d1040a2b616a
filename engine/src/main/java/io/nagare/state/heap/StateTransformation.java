package io.nagare.state.heap;

/**
 * Computes a state's new value from its previous value (null if absent) and an input, in one
 * lookup of the state map; returning null removes the entry.
 *
 * @param <S> stored state type
 * @param <T> input type
 */
@FunctionalInterface
interface StateTransformation<S, T> {
  S apply(S previous, T input) throws Exception;
}
