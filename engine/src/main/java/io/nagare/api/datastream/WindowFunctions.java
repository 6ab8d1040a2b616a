package io.nagare.api.datastream;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.Collector;
import io.nagare.api.functions.OpenContext;
import io.nagare.api.functions.ProcessAllWindowFunction;
import io.nagare.api.functions.ProcessWindowFunction;
import io.nagare.api.functions.RuntimeContext;
import io.nagare.api.state.KeyedStateStore;
import io.nagare.api.windowing.windows.Window;

/** The window functions the API inserts itself: pass-through for plain reduce/aggregate, and the windowAll adapter. */
final class WindowFunctions {
  private WindowFunctions() {}

  /** Emits the window's pre-aggregated value as it is. */
  static final class PassThrough<T, K, W extends Window> extends ProcessWindowFunction<T, T, K, W> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(K key, Context context, Iterable<T> elements, Collector<T> out) {
      for (T element : elements) {
        out.collect(element);
      }
    }
  }

  /** Runs a {@link ProcessAllWindowFunction} as the window function of a stream keyed by a constant. */
  static final class AllWindowAdapter<T, R, K, W extends Window> extends ProcessWindowFunction<T, R, K, W> {
    private static final long serialVersionUID = 1L;

    private final ProcessAllWindowFunction<T, R, W> function;
    private transient AllContext context;

    AllWindowAdapter(ProcessAllWindowFunction<T, R, W> function) {
      this.function = function;
    }

    @Override
    public void setRuntimeContext(RuntimeContext runtimeContext) {
      super.setRuntimeContext(runtimeContext);
      function.setRuntimeContext(runtimeContext);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
      function.open(openContext);
    }

    @Override
    public void close() throws Exception {
      function.close();
    }

    @Override
    public void process(K key, Context ctx, Iterable<T> elements, Collector<R> out) throws Exception {
      function.process(context(ctx), elements, out);
    }

    @Override
    public void clear(Context ctx) throws Exception {
      function.clear(context(ctx));
    }

    private AllContext context(Context ctx) {
      if (context == null) {
        context = new AllContext(function);
      }
      context.delegate = ctx;
      return context;
    }

    private final class AllContext extends ProcessAllWindowFunction<T, R, W>.Context {
      private Context delegate;

      AllContext(ProcessAllWindowFunction<T, R, W> function) {
        function.super();
      }

      @Override
      public W window() {
        return delegate.window();
      }

      @Override
      public KeyedStateStore windowState() {
        return delegate.windowState();
      }

      @Override
      public KeyedStateStore globalState() {
        return delegate.globalState();
      }

      @Override
      public <X> void output(OutputTag<X> outputTag, X value) {
        delegate.output(outputTag, value);
      }
    }
  }
}
