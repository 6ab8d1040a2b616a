package io.nagare.api.functions;

import io.nagare.api.common.OutputTag;
import io.nagare.api.state.KeyedStateStore;
import io.nagare.api.windowing.windows.Window;

/** Like {@link ProcessWindowFunction}, for windows over a whole (non-keyed) stream ({@code windowAll}). */
public abstract class ProcessAllWindowFunction<IN, OUT, W extends Window> extends AbstractRichFunction {

  public abstract void process(Context context, Iterable<IN> elements, Collector<OUT> out) throws Exception;

  /** Called when the window is removed. */
  public void clear(Context context) throws Exception {}

  /** What a window function sees besides the elements. */
  public abstract class Context {
    public abstract W window();

    public abstract KeyedStateStore windowState();

    public abstract KeyedStateStore globalState();

    public abstract <X> void output(OutputTag<X> outputTag, X value);
  }
}
