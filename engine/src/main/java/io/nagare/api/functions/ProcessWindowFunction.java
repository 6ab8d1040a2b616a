package io.nagare.api.functions;

import io.nagare.api.common.OutputTag;
import io.nagare.api.state.KeyedStateStore;
import io.nagare.api.windowing.windows.Window;

/**
 * Called when a window fires, with the key, the window's contents (all elements, or the single
 * pre-aggregated value when combined with {@code reduce}/{@code aggregate}) and a context. Its output
 * carries the window's {@code maxTimestamp()}.
 *
 * @param <IN> contents type
 * @param <OUT> output type
 * @param <KEY> key type
 * @param <W> window type
 */
public abstract class ProcessWindowFunction<IN, OUT, KEY, W extends Window> extends AbstractRichFunction {

  public abstract void process(KEY key, Context context, Iterable<IN> elements, Collector<OUT> out) throws Exception;

  /** Called when the window is removed: clear what was kept in {@link Context#windowState()}. */
  public void clear(Context context) throws Exception {}

  /** What a window function sees besides the elements. */
  public abstract class Context {
    public abstract W window();

    public abstract long currentProcessingTime();

    public abstract long currentWatermark();

    /** Keyed state of this key and this window (e.g. to count firings of the window). */
    public abstract KeyedStateStore windowState();

    /** Keyed state of this key across all windows. */
    public abstract KeyedStateStore globalState();

    public abstract <X> void output(OutputTag<X> outputTag, X value);
  }
}
