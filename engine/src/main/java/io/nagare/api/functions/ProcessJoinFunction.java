package io.nagare.api.functions;

import io.nagare.api.common.OutputTag;

/**
 * Called for each pair of an interval join: a left and a right element of the same key whose
 * timestamps are within the join's bounds.
 */
public abstract class ProcessJoinFunction<IN1, IN2, OUT> extends AbstractRichFunction {

  public abstract void processElement(IN1 left, IN2 right, Context ctx, Collector<OUT> out) throws Exception;

  /** The pair's timestamps; the output carries the larger of the two. */
  public abstract class Context {
    public abstract long getLeftTimestamp();

    public abstract long getRightTimestamp();

    /** The larger of the two timestamps, which the joined output carries. */
    public abstract long getTimestamp();

    public abstract <X> void output(OutputTag<X> outputTag, X value);
  }
}
