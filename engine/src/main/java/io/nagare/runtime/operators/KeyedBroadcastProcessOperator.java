package io.nagare.runtime.operators;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.KeyedBroadcastProcessFunction;
import io.nagare.api.functions.TimeDomain;
import io.nagare.api.functions.TimerService;
import io.nagare.api.state.BroadcastState;
import io.nagare.api.state.MapStateDescriptor;
import io.nagare.api.state.ReadOnlyBroadcastState;
import io.nagare.api.state.State;
import io.nagare.api.state.StateDescriptor;
import io.nagare.api.transformations.BroadcastStateSettings;
import io.nagare.runtime.streamrecord.Timestamps;
import io.nagare.runtime.timers.TimerEntry;
import io.nagare.runtime.timers.Triggerable;
import io.nagare.state.VoidNamespace;
import io.nagare.state.VoidNamespaceSerializer;

/**
 * Runs a {@link KeyedBroadcastProcessFunction}: input 1 is the keyed stream (keyed state, timers,
 * read-only broadcast state), input 2 the broadcast stream (writes broadcast state, may visit every
 * key's state). Subtask thread only.
 */
public final class KeyedBroadcastProcessOperator<K, IN1, IN2, OUT>
    extends AbstractUdfOperator<OUT, KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>>
    implements TwoInputOperator<IN1, IN2>, Triggerable<Object, VoidNamespace> {
  private final BroadcastStates states;
  private TimestampedCollector<OUT> collector;
  private OnTimerContextImpl keyedCtx;
  private ContextImpl broadcastCtx;
  private long timestamp;
  private TimeDomain timeDomain;

  public KeyedBroadcastProcessOperator(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function,
      BroadcastStateSettings settings) {
    super(function);
    this.states = new BroadcastStates(settings);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(this);
    keyedCtx = new OnTimerContextImpl(userFunction, new VoidNamespaceTimerService(timerService(this), this));
    broadcastCtx = new ContextImpl(userFunction);
  }

  @Override
  public void processElement1(IN1 record, long timestamp) {
    recordsIn++;
    setCurrentKeyOf(record);
    prepare(timestamp);
    try {
      userFunction.processElement(record, keyedCtx, collector);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  @Override
  public void processElement2(IN2 record, long timestamp) {
    recordsIn++;
    prepare(timestamp);
    try {
      userFunction.processBroadcastElement(record, broadcastCtx, collector);
    } catch (Exception e) {
      throw failure("failed in processBroadcastElement()", e);
    }
  }

  private void prepare(long timestamp) {
    this.timestamp = timestamp;
    this.timeDomain = null;
    collector.setTimestamp(timestamp);
  }

  @Override
  public void onEventTime(TimerEntry<Object, VoidNamespace> timer) {
    fire(timer, TimeDomain.EVENT_TIME);
  }

  @Override
  public void onProcessingTime(TimerEntry<Object, VoidNamespace> timer) {
    fire(timer, TimeDomain.PROCESSING_TIME);
  }

  private void fire(TimerEntry<Object, VoidNamespace> timer, TimeDomain domain) {
    prepare(timer.timestamp());
    timeDomain = domain;
    try {
      userFunction.onTimer(timer.timestamp(), keyedCtx, collector);
    } catch (Exception e) {
      throw failure("failed in onTimer()", e);
    }
  }

  private <X> void sideOutput(OutputTag<X> tag, X value) {
    if (value == null) {
      throw nullRecord();
    }
    sideOutputs.emit(tag, value, timestamp);
  }

  private final class ContextImpl extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.Context {
    ContextImpl(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function) {
      function.super();
    }

    @Override
    public <KB, VB> BroadcastState<KB, VB> getBroadcastState(MapStateDescriptor<KB, VB> descriptor) {
      return states.get(descriptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <VS, S extends State> void applyToKeyedState(StateDescriptor<S, VS> descriptor,
        KeyedBroadcastProcessFunction.KeyedStateFunction<K, S> function) throws Exception {
      keyedStateBackend.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor,
          (key, state) -> function.process((K) key, state));
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

  /** The keyed side's context, for elements and timers alike. */
  private final class OnTimerContextImpl extends KeyedBroadcastProcessFunction<K, IN1, IN2, OUT>.OnTimerContext {
    private final TimerService timerService;

    OnTimerContextImpl(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function, TimerService timerService) {
      function.super();
      this.timerService = timerService;
    }

    @Override
    public <KB, VB> ReadOnlyBroadcastState<KB, VB> getBroadcastState(MapStateDescriptor<KB, VB> descriptor) {
      return BroadcastStates.readOnly(states.get(descriptor));
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    @SuppressWarnings("unchecked")
    public K getCurrentKey() {
      return (K) keyedStateBackend.getCurrentKey();
    }

    @Override
    public TimeDomain timeDomain() {
      return timeDomain;
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
