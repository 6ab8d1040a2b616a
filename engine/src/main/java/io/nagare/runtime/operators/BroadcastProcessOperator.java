package io.nagare.runtime.operators;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.BroadcastProcessFunction;
import io.nagare.api.state.BroadcastState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReadOnlyBroadcastState;
import io.nagare.api.transformations.BroadcastStateSettings;
import io.nagare.runtime.streamrecord.Timestamps;

/**
 * Runs a {@link BroadcastProcessFunction}: input 1 is the non-broadcast stream (reads broadcast
 * state), input 2 the broadcast stream (writes it). Subtask thread only.
 */
public final class BroadcastProcessOperator<IN1, IN2, OUT>
    extends AbstractUdfOperator<OUT, BroadcastProcessFunction<IN1, IN2, OUT>> implements TwoInputOperator<IN1, IN2> {
  private final BroadcastStates states;
  private TimestampedCollector<OUT> collector;
  private ReadOnlyContextImpl readOnlyCtx;
  private ContextImpl ctx;
  private long timestamp;

  public BroadcastProcessOperator(BroadcastProcessFunction<IN1, IN2, OUT> function, BroadcastStateSettings settings) {
    super(function);
    this.states = new BroadcastStates(settings);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(this);
    readOnlyCtx = new ReadOnlyContextImpl(userFunction);
    ctx = new ContextImpl(userFunction);
  }

  @Override
  public void processElement1(IN1 record, long timestamp) {
    recordsIn++;
    this.timestamp = timestamp;
    collector.setTimestamp(timestamp);
    try {
      userFunction.processElement(record, readOnlyCtx, collector);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  @Override
  public void processElement2(IN2 record, long timestamp) {
    recordsIn++;
    this.timestamp = timestamp;
    collector.setTimestamp(timestamp);
    try {
      userFunction.processBroadcastElement(record, ctx, collector);
    } catch (Exception e) {
      throw failure("failed in processBroadcastElement()", e);
    }
  }

  private <X> void sideOutput(OutputTag<X> tag, X value) {
    if (value == null) {
      throw nullRecord();
    }
    sideOutputs.emit(tag, value, timestamp);
  }

  private final class ContextImpl extends BroadcastProcessFunction<IN1, IN2, OUT>.Context {
    ContextImpl(BroadcastProcessFunction<IN1, IN2, OUT> function) {
      function.super();
    }

    @Override
    public <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
      return states.get(descriptor);
    }

    @Override
    public Long timestamp() {
      return Timestamps.boxed(timestamp);
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      sideOutput(outputTag, value);
    }

    @Override
    public long currentProcessingTime() {
      return context.processingTimeService().getCurrentProcessingTime();
    }

    @Override
    public long currentWatermark() {
      return currentWatermark;
    }
  }

  private final class ReadOnlyContextImpl extends BroadcastProcessFunction<IN1, IN2, OUT>.ReadOnlyContext {
    ReadOnlyContextImpl(BroadcastProcessFunction<IN1, IN2, OUT> function) {
      function.super();
    }

    @Override
    public <K, V> ReadOnlyBroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
      return BroadcastStates.readOnly(states.get(descriptor));
    }

    @Override
    public Long timestamp() {
      return Timestamps.boxed(timestamp);
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      sideOutput(outputTag, value);
    }

    @Override
    public long currentProcessingTime() {
      return context.processingTimeService().getCurrentProcessingTime();
    }

    @Override
    public long currentWatermark() {
      return currentWatermark;
    }
  }
}
