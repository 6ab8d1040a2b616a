package io.nagare.api.functions;

/**
 * Called once per key and window of a window co-group with all elements of each input (either may
 * be empty), so it can also express outer joins.
 */
@FunctionalInterface
public interface CoGroupFunction<IN1, IN2, OUT> extends Function {
  void coGroup(Iterable<IN1> first, Iterable<IN2> second, Collector<OUT> out) throws Exception;
}
