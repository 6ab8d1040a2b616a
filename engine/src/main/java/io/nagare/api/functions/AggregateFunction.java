package io.nagare.api.functions;

/**
 * Incremental aggregation through an accumulator: {@code createAccumulator}, then {@code add} for
 * each element, {@code merge} for merging windows, and {@code getResult} when a result is needed.
 *
 * @param <IN> element type
 * @param <ACC> accumulator type (kept in state, so it needs a serializer)
 * @param <OUT> result type
 */
public interface AggregateFunction<IN, ACC, OUT> extends Function {
  ACC createAccumulator();

  ACC add(IN value, ACC accumulator);

  OUT getResult(ACC accumulator);

  ACC merge(ACC a, ACC b);
}
