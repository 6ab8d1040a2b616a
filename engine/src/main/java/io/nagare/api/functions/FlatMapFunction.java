package io.nagare.api.functions;

/**
 * Transforms one element into zero, one or more elements, emitted through the collector.
 *
 * <pre>{@code
 * lines.flatMap((String line, Collector<String> out) -> {
 *   for (String w : line.split(" ")) out.collect(w);
 * }).returns(Types.STRING);
 * }</pre>
 */
@FunctionalInterface
public interface FlatMapFunction<T, O> extends Function {
  void flatMap(T value, Collector<O> out) throws Exception;
}
