package io.nagare.api.functions;

/**
 * Transforms one element into exactly one element.
 *
 * <pre>{@code
 * DataStream<Long> doubled = numbers.map(x -> x * 2);
 * }</pre>
 *
 * @param <T> input type
 * @param <O> output type
 */
@FunctionalInterface
public interface MapFunction<T, O> extends Function {
  /** Returns the element that replaces {@code value}; must not be null. */
  O map(T value) throws Exception;
}
