package io.nagare.api.functions;

/**
 * Maps the elements of two connected streams to one output type: {@link #map1} for the first
 * stream's elements, {@link #map2} for the second's. Both run on the same thread, never at once, so
 * they may share fields.
 */
public interface CoMapFunction<IN1, IN2, OUT> extends Function {
  OUT map1(IN1 value) throws Exception;

  OUT map2(IN2 value) throws Exception;
}
