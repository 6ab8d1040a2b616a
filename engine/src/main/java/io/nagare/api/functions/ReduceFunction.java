package io.nagare.api.functions;

/**
 * Combines two elements of the same type into one; used for rolling keyed reductions and
 * {@link io.nagare.api.state.ReducingState}. Must be associative for results that do not depend
 * on arrival order.
 */
@FunctionalInterface
public interface ReduceFunction<T> extends Function {
  T reduce(T value1, T value2) throws Exception;
}
