package io.nagare.api.functions;

import io.nagare.api.common.OutputTag;

/**
 * The low-level function on a keyed stream: per-element processing with keyed state and timers.
 * {@link #onTimer} runs for a timer registered through {@link Context#timerService()} with the key
 * that registered it as the current key, so keyed state reads that key's values.
 *
 * <pre>{@code
 * stream.keyBy(e -> e.user).process(new KeyedProcessFunction<String, Event, String>() {
 *   public void processElement(Event e, Context ctx, Collector<String> out) {
 *     ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 60_000);
 *   }
 *   public void onTimer(long ts, OnTimerContext ctx, Collector<String> out) {
 *     out.collect(ctx.getCurrentKey() + " was idle");
 *   }
 * });
 * }</pre>
 *
 * @param <K> key type
 * @param <I> input type
 * @param <O> main output type
 */
public abstract class KeyedProcessFunction<K, I, O> extends AbstractRichFunction {

  public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

  /** Called when a timer fires; the default does nothing. */
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) throws Exception {}

  /** What a {@link KeyedProcessFunction} sees besides the element. */
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
