package io.nagare.api.datastream;

import io.nagare.api.functions.ProcessJoinFunction;
import io.nagare.api.transformations.IntervalJoinSettings;
import io.nagare.api.transformations.OperatorSpec;
import io.nagare.api.transformations.TwoInputTransformation;
import io.nagare.api.typeinfo.TypeExtractor;
import io.nagare.api.typeinfo.TypeInformation;
import java.time.Duration;

/**
 * An event-time interval join of two keyed streams, built as in Flink:
 *
 * <pre>{@code
 * orders.keyBy(o -> o.id)
 *     .intervalJoin(payments.keyBy(p -> p.orderId))
 *     .between(Duration.ofMinutes(-5), Duration.ofMinutes(10))
 *     .process(new ProcessJoinFunction<Order, Payment, String>() { ... });
 * }</pre>
 *
 * A right element at {@code r} joins a left element at {@code l} with the same key when {@code l +
 * lower <= r <= l + upper} (bounds inclusive unless made exclusive).
 */
public final class IntervalJoin<T1, T2, K> {
  private final KeyedStream<T1, K> left;
  private final KeyedStream<T2, K> right;

  IntervalJoin(KeyedStream<T1, K> left, KeyedStream<T2, K> right) {
    if (!left.getKeyType().equals(right.getKeyType())) {
      throw new IllegalArgumentException("An interval join needs keys of one type on both sides, not "
          + left.getKeyType() + " and " + right.getKeyType());
    }
    this.left = left;
    this.right = right;
  }

  /** Joins right elements from {@code lower} to {@code upper} relative to each left element's timestamp. */
  public Between<T1, T2, K> between(Duration lower, Duration upper) {
    return new Between<>(left, right, lower.toMillis(), upper.toMillis());
  }

  /** An interval join with its bounds. */
  public static final class Between<T1, T2, K> {
    private final KeyedStream<T1, K> left;
    private final KeyedStream<T2, K> right;
    private long lower;
    private long upper;

    Between(KeyedStream<T1, K> left, KeyedStream<T2, K> right, long lower, long upper) {
      if (lower > upper) {
        throw new IllegalArgumentException("The interval join's lower bound (" + lower
            + " ms) must not be above its upper bound (" + upper + " ms)");
      }
      this.left = left;
      this.right = right;
      this.lower = lower;
      this.upper = upper;
    }

    /** Excludes right elements exactly at the lower bound. */
    public Between<T1, T2, K> lowerBoundExclusive() {
      lower += 1;
      return this;
    }

    /** Excludes right elements exactly at the upper bound. */
    public Between<T1, T2, K> upperBoundExclusive() {
      upper -= 1;
      return this;
    }

    public <R> SingleOutputStreamOperator<R> process(ProcessJoinFunction<T1, T2, R> function) {
      return process(function, TypeExtractor.getParameterType(function, ProcessJoinFunction.class, 2, false));
    }

    public <R> SingleOutputStreamOperator<R> process(ProcessJoinFunction<T1, T2, R> function,
        TypeInformation<R> outputType) {
      OperatorSpec spec = new OperatorSpec(OperatorSpec.Kind.INTERVAL_JOIN, function,
          new IntervalJoinSettings(lower, upper));
      TwoInputTransformation<T1, T2, R> t = new TwoInputTransformation<>(left.getTransformation(),
          right.getTransformation(), "Interval Join", spec, outputType, -1);
      t.setStateKeys(left.getKeySelector(), right.getKeySelector(), left.getKeyType());
      left.getExecutionEnvironment().addOperator(t);
      return new SingleOutputStreamOperator<>(left.getExecutionEnvironment(), t);
    }
  }
}
