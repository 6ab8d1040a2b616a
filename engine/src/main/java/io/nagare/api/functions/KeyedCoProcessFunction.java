package io.nagare.api.functions;

import io.nagare.api.common.OutputTag;

/**
 * The low-level function on two connected streams keyed the same way: one method per input, keyed
 * state and timers of the element's key shared by both inputs.
 *
 * @param <K> key type (both inputs' key selectors return it)
 */
public abstract class KeyedCoProcessFunction<K, IN1, IN2, OUT> extends AbstractRichFunction {

  public abstract void processElement1(IN1 value, Context ctx, Collector<OUT> out) throws Exception;

  public abstract void processElement2(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

  /** Called when a timer fires; the default does nothing. */
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {}

  /** What a {@link KeyedCoProcessFunction} sees besides the element. */
  public abstract class Context {
    /** The element's (or firing timer's) timestamp, or null if it has none. */
    public abstract Long timestamp();

    public abstract TimerService timerService();

    public abstract <X> void output(OutputTag<X> outputTag, X value);

    public abstract K getCurrentKey();
  }

  /** The context of a firing timer. */
  public abstract class OnTimerContext extends Context {
    public abstract TimeDomain timeDomain();
  }
}
