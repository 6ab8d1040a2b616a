package io.nagare.api.functions;

import io.nagare.api.common.OutputTag;
import io.nagare.api.state.BroadcastState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReadOnlyBroadcastState;

/**
 * Processes a non-keyed stream connected with a broadcast stream: every parallel instance receives
 * every broadcast element and may write broadcast state from it; elements of the other stream read
 * that state.
 */
public abstract class BroadcastProcessFunction<IN1, IN2, OUT> extends AbstractRichFunction {

  public abstract void processElement(IN1 value, ReadOnlyContext ctx, Collector<OUT> out) throws Exception;

  public abstract void processBroadcastElement(IN2 value, Context ctx, Collector<OUT> out) throws Exception;

  /** Shared by both contexts. */
  public abstract class BaseContext {
    /** The element's timestamp, or null if it has none. */
    public abstract Long timestamp();

    public abstract <X> void output(OutputTag<X> outputTag, X value);

    public abstract long currentProcessingTime();

    public abstract long currentWatermark();
  }

  /** The broadcast side's context: broadcast state is writable. */
  public abstract class Context extends BaseContext {
    public abstract <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor);
  }

  /** The non-broadcast side's context: broadcast state is read only. */
  public abstract class ReadOnlyContext extends BaseContext {
    public abstract <K, V> ReadOnlyBroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor);
  }
}
