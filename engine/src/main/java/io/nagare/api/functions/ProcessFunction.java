package io.nagare.api.functions;

import io.nagare.api.common.OutputTag;

/**
 * The low-level per-element function on a non-keyed stream: it sees each element with its
 * timestamp and may emit to the main output and to side outputs.
 *
 * @param <I> input type
 * @param <O> main output type
 */
public abstract class ProcessFunction<I, O> extends AbstractRichFunction {

  public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

  /** What a {@link ProcessFunction} sees besides the element. */
  public abstract class Context {
    /** The element's timestamp, or null if it has none. */
    public abstract Long timestamp();

    /** Clocks; timers need a keyed stream, so registering one here throws. */
    public abstract TimerService timerService();

    /** Emits to the side output identified by {@code tag}. */
    public abstract <X> void output(OutputTag<X> outputTag, X value);
  }
}
