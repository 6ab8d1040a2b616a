package io.nagare.api.functions;

import io.nagare.api.common.OutputTag;

/**
 * The low-level function on two connected, non-keyed streams: one method per input, both on the
 * same thread, with side outputs. Timers need keyed streams ({@link KeyedCoProcessFunction}).
 */
public abstract class CoProcessFunction<IN1, IN2, OUT> extends AbstractRichFunction {

  public abstract void processElement1(IN1 value, Context ctx, Collector<OUT> out) throws Exception;

  public abstract void processElement2(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

  /** What a {@link CoProcessFunction} sees besides the element. */
  public abstract class Context {
    /** The element's timestamp, or null if it has none. */
    public abstract Long timestamp();

    /** Clocks; registering a timer here throws (connect keyed streams for timers). */
    public abstract TimerService timerService();

    public abstract <X> void output(OutputTag<X> outputTag, X value);
  }
}
