package io.nagare.api.functions;

import io.nagare.api.common.OutputTag;
import io.nagare.api.state.BroadcastState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReadOnlyBroadcastState;
import io.nagare.api.state.StateDescriptor;

/**
 * Processes a keyed stream connected with a broadcast stream: keyed elements have keyed state and
 * timers and read broadcast state; broadcast elements write broadcast state and may visit the
 * keyed state of every key on this instance ({@link Context#applyToKeyedState}).
 */
public abstract class KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> extends AbstractRichFunction {

  public abstract void processElement(IN1 value, ReadOnlyContext ctx, Collector<OUT> out) throws Exception;

  public abstract void processBroadcastElement(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

  /** Called when a timer of the keyed side fires; the default does nothing. */
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {}

  /** Shared by all contexts. */
  public abstract class BaseContext {
    /** The element's (or firing timer's) timestamp, or null if it has none. */
    public abstract Long timestamp();

    public abstract <X> void output(OutputTag<X> outputTag, X value);

    public abstract long currentProcessingTime();

    public abstract long currentWatermark();
  }

  /** The broadcast side's context. */
  public abstract class Context extends BaseContext {
    public abstract <KB, VB> BroadcastState<KB, VB> getBroadcastState(MapStateDescriptor<KB, VB> descriptor);

    /** Runs {@code function} on the state {@code descriptor} of every key this instance holds. */
    public abstract <VS, S extends io.nagare.api.state.State> void applyToKeyedState(
        StateDescriptor<S, VS> descriptor, KeyedStateFunction<K, S> function) throws Exception;
  }

  /** The keyed side's context. */
  public abstract class ReadOnlyContext extends BaseContext {
    public abstract <KB, VB> ReadOnlyBroadcastState<KB, VB> getBroadcastState(MapStateDescriptor<KB, VB> descriptor);

    public abstract TimerService timerService();

    public abstract K getCurrentKey();
  }

  /** The context of a firing timer. */
  public abstract class OnTimerContext extends ReadOnlyContext {
    public abstract TimeDomain timeDomain();
  }

  /** What {@link Context#applyToKeyedState} runs for each key. */
  @FunctionalInterface
  public interface KeyedStateFunction<K, S> {
    void process(K key, S state) throws Exception;
  }
}
