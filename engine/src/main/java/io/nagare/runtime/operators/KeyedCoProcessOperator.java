package io.nagare.runtime.operators;

import io.nagare.api.common.OutputTag;
import io.nagare.api.functions.KeyedCoProcessFunction;
import io.nagare.api.functions.TimeDomain;
import io.nagare.api.functions.TimerService;
import io.nagare.runtime.streamrecord.Timestamps;
import io.nagare.runtime.timers.InternalTimerService;
import io.nagare.runtime.timers.TimerEntry;
import io.nagare.runtime.timers.Triggerable;
import io.nagare.state.VoidNamespace;

/**
 * Runs a {@link KeyedCoProcessFunction}: both inputs keyed the same way share the key's state and
 * timers. A firing timer's output carries the timer's timestamp.
 */
public final class KeyedCoProcessOperator<K, IN1, IN2, OUT>
    extends AbstractUdfOperator<OUT, KeyedCoProcessFunction<K, IN1, IN2, OUT>>
    implements TwoInputOperator<IN1, IN2>, Triggerable<Object, VoidNamespace> {
  private TimestampedCollector<OUT> collector;
  private OnTimerContextImpl ctx;
  private long timestamp;
  private TimeDomain timeDomain;

  public KeyedCoProcessOperator(KeyedCoProcessFunction<K, IN1, IN2, OUT> function) {
    super(function);
  }

  @Override
  public void open() throws Exception {
    super.open();
    collector = new TimestampedCollector<>(this);
    InternalTimerService<Object, VoidNamespace> timers = timerService(this);
    ctx = new OnTimerContextImpl(userFunction, new VoidNamespaceTimerService(timers, this));
  }

  @Override
  public void processElement1(IN1 record, long timestamp) {
    recordsIn++;
    setCurrentKeyOf(record);
    prepare(timestamp);
    try {
      userFunction.processElement1(record, ctx, collector);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  @Override
  public void processElement2(IN2 record, long timestamp) {
    recordsIn++;
    setCurrentKeyOfSecond(record);
    prepare(timestamp);
    try {
      userFunction.processElement2(record, ctx, collector);
    } catch (Exception e) {
      throw failure(e);
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
      userFunction.onTimer(timer.timestamp(), ctx, collector);
    } catch (Exception e) {
      throw failure("failed in onTimer()", e);
    }
  }

  /** One context for elements and timers: {@code timeDomain()} is only meaningful in {@code onTimer}. */
  private final class OnTimerContextImpl extends KeyedCoProcessFunction<K, IN1, IN2, OUT>.OnTimerContext {
    private final TimerService timerService;

    OnTimerContextImpl(KeyedCoProcessFunction<K, IN1, IN2, OUT> function, TimerService timerService) {
      function.super();
      this.timerService = timerService;
    }

    @Override
    public Long timestamp() {
      return Timestamps.boxed(timestamp);
    }

    @Override
    public TimerService timerService() {
      return timerService;
    }

    @Override
    public <X> void output(OutputTag<X> outputTag, X value) {
      if (value == null) {
        throw nullRecord();
      }
      sideOutputs.emit(outputTag, value, timestamp);
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
  }
}
