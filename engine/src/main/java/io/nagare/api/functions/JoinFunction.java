package io.nagare.api.functions;

/** Combines one pair of a window join: elements of both inputs with the same key in the same window. */
@FunctionalInterface
public interface JoinFunction<IN1, IN2, OUT> extends Function {
  OUT join(IN1 first, IN2 second) throws Exception;
}
